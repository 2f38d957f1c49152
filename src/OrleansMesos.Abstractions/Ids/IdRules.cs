using OrleansMesos.Errors;

namespace OrleansMesos;

/// <summary>
/// The one rule every id follows: 1 to 128 characters of ASCII letters, digits, '.', '_', '-' and ':'
/// (so ids are safe in logs, storage keys, metric labels and file names), starting with a letter or digit.
/// </summary>
public static class IdRules
{
    /// <summary>The longest id allowed.</summary>
    public const int MaxLength = 128;

    /// <summary>The rule, in words, as errors state it.</summary>
    public const string Rule = "must be 1-128 characters of letters, digits, '.', '_', '-' or ':', starting with a letter or digit";

    /// <summary>Returns <paramref name="value"/> when it follows the rule; throws naming <paramref name="field"/> otherwise.</summary>
    /// <exception cref="InvalidFieldException">The value breaks the rule.</exception>
    public static string Validate(string? value, string field)
    {
        if (!IsValid(value))
        {
            throw new InvalidFieldException(field, Rule, value is null ? "null" : $"'{value}'");
        }

        return value!;
    }

    /// <summary>True when <paramref name="value"/> follows the rule.</summary>
    public static bool IsValid(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength || !char.IsAsciiLetterOrDigit(value[0]))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-' or ':'))
            {
                return false;
            }
        }

        return true;
    }
}
