using Orleans.Storage;

namespace OrleansMesos.Grains;

/// <summary>Write before you acknowledge, and step down when another activation wrote first.</summary>
internal static class StateWrites
{
    /// <summary>
    /// Writes the grain's state. When the ETag check fails, another activation of the same grain (briefly
    /// possible during membership changes) has written since this one read: this activation is stale, so it
    /// deactivates and the error reaches the caller, whose retry meets the current activation.
    /// </summary>
    public static async Task WriteOrStepDownAsync<T>(this IPersistentState<T> state, IGrainBase grain)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch (InconsistentStateException)
        {
            grain.GrainContext.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "stale activation: its state was written by another"));
            throw;
        }
    }
}
