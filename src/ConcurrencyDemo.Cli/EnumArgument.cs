using System.CommandLine.Parsing;

namespace ConcurrencyDemo.Cli;

/// <summary>
/// Parses an enum option's value by name only, with our one-line error: System.CommandLine's own
/// message names the .NET type and would accept numbers such as <c>--clock 7</c>.
/// </summary>
internal static class EnumArgument
{
    public static T Parse<T>(ArgumentResult result, string option, T defaultValue)
        where T : struct, Enum
    {
        if (result.Tokens.Count == 0)
        {
            return defaultValue;
        }

        string text = result.Tokens[0].Value;
        foreach (T value in Enum.GetValues<T>())
        {
            if (string.Equals(value.ToString(), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        string names = string.Join(" or ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()));
        result.AddError($"{option}: \"{UserError.Printable(text)}\" is not one of the choices — expected {names}, e.g. {option} {Enum.GetNames<T>()[^1].ToLowerInvariant()}");
        return defaultValue;
    }
}
