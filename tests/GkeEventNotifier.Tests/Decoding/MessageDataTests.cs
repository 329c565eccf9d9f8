using System.Text;
using GkeEventNotifier.Stages.Decoding;

namespace GkeEventNotifier.Tests.Decoding;

/// <summary>
/// A message's base64 data is decoded from its UTF-8 bytes; what that fast pass refuses is still decided as .NET's
/// base64 decoder decides, so line breaks are accepted as before and anything that is not base64 stays poison.
/// </summary>
public sealed class MessageDataTests
{
    private static readonly byte[] Entry = Encoding.UTF8.GetBytes(Samples.Entry("keep-evicted"));

    [Fact]
    public void Base64_DecodesToTheEvent()
    {
        var decoded = LogEntryDecoder.DecodeBase64(Data(Convert.ToBase64String(Entry)));

        Assert.Equal("Evicted", Assert.IsType<DecodeResult.EventEntry>(decoded).Entry.Event.Reason);
    }

    [Fact]
    public void Base64WithLineBreaks_DecodesToTheEvent()
    {
        var decoded = LogEntryDecoder.DecodeBase64(Data(Convert.ToBase64String(Entry, Base64FormattingOptions.InsertLineBreaks)));

        Assert.Equal("Evicted", Assert.IsType<DecodeResult.EventEntry>(decoded).Entry.Event.Reason);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("eyJhIjox")] // base64 of {"a":1, which is not JSON
    [InlineData("eyJhIjoxfQ")] // {"a":1} without its padding
    [InlineData("eyJhIjoxfQ==é")]
    public void DataThatIsNotBase64OfALogEntry_IsPoison(string data)
    {
        var decoded = LogEntryDecoder.DecodeBase64(Data(data));

        Assert.IsType<DecodeResult.Invalid>(decoded);
    }

    private static byte[] Data(string data) => Encoding.UTF8.GetBytes(data);
}
