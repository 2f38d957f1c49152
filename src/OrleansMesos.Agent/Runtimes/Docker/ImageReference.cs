namespace OrleansMesos.Agent.Runtimes.Docker;

/// <summary>Splits an image reference the way a pull needs it.</summary>
internal static class ImageReference
{
    /// <summary>The tag Docker means when a reference names none.</summary>
    public const string DefaultTag = "latest";

    /// <summary>
    /// <c>registry:5000/team/app:1.2</c> → (<c>registry:5000/team/app</c>, <c>1.2</c>); a reference without a tag gets
    /// <see cref="DefaultTag"/> (an empty tag would pull every tag); one with a digest is kept whole, with no tag.
    /// </summary>
    public static (string Repository, string? Tag) Split(string image)
    {
        if (image.Contains('@', StringComparison.Ordinal))
        {
            return (image, null);
        }

        var colon = image.LastIndexOf(':');
        return colon > image.LastIndexOf('/') ? (image[..colon], image[(colon + 1)..]) : (image, DefaultTag);
    }
}
