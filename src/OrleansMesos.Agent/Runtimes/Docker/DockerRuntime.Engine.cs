using System.Net.Http;
using System.Net.Sockets;
using System.Text.Json;
using Docker.DotNet;

namespace OrleansMesos.Agent.Runtimes.Docker;

public sealed partial class DockerRuntime
{
    // Engine failures become RuntimeException with the engine's own words and what was being done.
    private async Task<T> Engine<T>(Func<Task<T>> call, string what)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception e) when (IsEngineFailure(e))
        {
            throw new RuntimeException($"Docker engine at {Endpoint}: could not {what}: {EngineMessage(e)}", e);
        }
    }

    private static bool IsEngineFailure(Exception e) =>
        e is DockerApiException or HttpRequestException or IOException or SocketException or TimeoutException;

    // Docker.DotNet's message wraps the engine's JSON ({"message":"…"}); the engine's sentence is what helps.
    private static string EngineMessage(Exception e)
    {
        if (e is DockerApiException api && !string.IsNullOrWhiteSpace(api.ResponseBody))
        {
            try
            {
                using var json = JsonDocument.Parse(api.ResponseBody);
                if (json.RootElement.ValueKind == JsonValueKind.Object
                    && json.RootElement.TryGetProperty("message", out var message)
                    && message.ValueKind == JsonValueKind.String)
                {
                    return message.GetString()!;
                }
            }
            catch (JsonException)
            {
                // Not JSON (a proxy's page, say): the body as it is.
            }

            return api.ResponseBody.Trim();
        }

        return e.Message;
    }
}
