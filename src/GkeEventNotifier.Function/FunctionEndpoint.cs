using GkeEventNotifier.Composition;
using GkeEventNotifier.Model.Slack;
using GkeEventNotifier.Stages.Ingress;
using GkeEventNotifier.Stages.Pacing;

namespace GkeEventNotifier.Function;

/// <summary>
/// The function: request → ingress → pipeline → status code, following <see cref="DeliveryPolicy"/>.
/// This is the boundary where failures become status codes; nothing else in the product picks one.
/// </summary>
internal sealed partial class FunctionEndpoint(EventPipeline pipeline, FunctionSettings settings, ILogger<FunctionEndpoint> logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        ReadOnlyMemory<byte>? body;
        try
        {
            body = await RequestBody.ReadAsync(context.Request, settings.MaxRequestBytes, cancellationToken);
        }
        catch (Exception e) when (e is BadHttpRequestException or IOException || (e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            // The client stopped sending (closed the connection, or sent too slowly for Kestrel's minimum data rate):
            // nothing was received to handle or lose, and Pub/Sub redelivers what it did not get an answer for.
            LogBodyNotReceived(logger, context.Request.ContentLength, e.Message);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        if (body is null)
        {
            LogOversized(logger, context.Request.ContentLength, settings.MaxRequestBytes);
            context.Response.StatusCode = (int)DeliveryPolicy.OversizedRequest;
            return;
        }

        var ingress = IngressReader.Read(new IngressRequest(context.Request.Path, context.Request.ContentType, DeliveryHeaders(context.Request), body.Value));
        context.Response.StatusCode = (int)await HandleAsync(ingress, cancellationToken);
    }

    private async Task<System.Net.HttpStatusCode> HandleAsync(IngressResult ingress, CancellationToken cancellationToken)
    {
        switch (ingress)
        {
            case IngressResult.Rejected rejected:
                LogRejected(logger, rejected.Reason);
                return DeliveryPolicy.NotAnEventRequest;
            case IngressResult.OtherEvent other:
                LogOtherEvent(logger, other.Type, other.Id);
                return DeliveryPolicy.Handled;
            case IngressResult.Message message:
                return await RunPipelineAsync(message.PubSub, cancellationToken);
            default:
                throw new InvalidOperationException($"Unknown ingress result {ingress.GetType().Name}");
        }
    }

    private async Task<System.Net.HttpStatusCode> RunPipelineAsync(PubSubMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await pipeline.HandleAsync(message, cancellationToken);
            return DeliveryPolicy.Handled;
        }
        catch (SlackConfigurationException e)
        {
            LogSlackRefusedSetting(logger, message.MessageId, e.Error, e.Setting, e.Message);
            return DeliveryPolicy.RetryLater;
        }
        catch (SlackUnavailableException e)
        {
            LogSlackUnavailable(logger, message.MessageId, e.Reason);
            return DeliveryPolicy.RetryLater;
        }
        catch (AlertDeferredException)
        {
            LogDeferred(logger, message.MessageId);
            return DeliveryPolicy.RetryLater;
        }
        catch (SlackPayloadException e)
        {
            // The notifier already tried the plainest form Slack takes: the same message would be refused forever.
            LogSlackRefusedMessage(logger, message.MessageId, e.Error);
            return DeliveryPolicy.Handled;
        }
    }

    /// <summary>The headers ingress reads: a binary CloudEvent's <c>ce-*</c>, an unwrapped push's <c>x-goog-pubsub-*</c>.</summary>
    private static Dictionary<string, string> DeliveryHeaders(HttpRequest request)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in request.Headers)
        {
            if (name.StartsWith("ce-", StringComparison.OrdinalIgnoreCase) || name.StartsWith(UnwrappedPush.HeaderPrefix, StringComparison.OrdinalIgnoreCase))
            {
                headers[name.ToLowerInvariant()] = values.ToString();
            }
        }

        return headers;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request rejected with 400, it is not an event: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request rejected with 413: body of {ContentLength} bytes is over the limit of {Limit} bytes (MAX_REQUEST_BYTES)")]
    private static partial void LogOversized(ILogger logger, long? contentLength, int limit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request body not received: the client stopped sending before the end of the body ({ContentLength} bytes announced): {Reason}")]
    private static partial void LogBodyNotReceived(ILogger logger, long? contentLength, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "CloudEvent {Id} of type {Type} acknowledged without action: this function handles Pub/Sub messagePublished events")]
    private static partial void LogOtherEvent(ILogger logger, string type, string id);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Message {MessageId} kept for retry: Slack refused setting {Setting} ('{Error}'). {Detail}")]
    private static partial void LogSlackRefusedSetting(ILogger logger, string messageId, string error, string setting, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Message {MessageId} kept for retry: its alert joins the next burst summary (Slack takes about one message per second); the redelivery is acknowledged once the summary is posted")]
    private static partial void LogDeferred(ILogger logger, string messageId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} can never become an alert and is acknowledged: Slack refused it even as plain text without blocks or metadata ('{Error}')")]
    private static partial void LogSlackRefusedMessage(ILogger logger, string messageId, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} kept for retry: {Reason}")]
    private static partial void LogSlackUnavailable(ILogger logger, string messageId, string reason);
}
