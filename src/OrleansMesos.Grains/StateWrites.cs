using Orleans.Storage;

namespace OrleansMesos.Grains;

/// <summary>Write before you acknowledge, and step down when another activation wrote first.</summary>
internal static class StateWrites
{
    /// <summary>
    /// Writes the grain's state. When the ETag check fails, another activation of the same grain (briefly
    /// possible during membership changes) has written since this one read: this activation is stale, so it
    /// deactivates and the error reaches the caller, whose retry meets the current activation. When the store
    /// fails otherwise (Redis restarting, unreachable), whether the write landed is unknown and the state in
    /// memory may be ahead of it: the activation deactivates too, so the next call reloads what is stored, and
    /// the caller gets a <see cref="Errors.StorageUnavailableException"/> (a type every client can read; the
    /// store's own exception types are not known to clients).
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
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            grain.GrainContext.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "its state could not be written: " + ex.Message));
            throw new Errors.StorageUnavailableException(grain.GrainContext.GrainId.ToString(), ex.GetType().Name + ": " + ex.Message);
        }
    }
}
