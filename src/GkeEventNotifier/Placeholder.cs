namespace GkeEventNotifier; internal static class Placeholder { }
