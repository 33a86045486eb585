namespace ConcurrencyDemo.Playground;

/// <summary>How the page draws a control, derived from the option it stands for.</summary>
public enum PlaygroundControlKind
{
    /// <summary>A text field: the option's value as typed on the command line.</summary>
    Text,

    /// <summary>One of a few words (the option's help name lists them, e.g. uniform|poisson).</summary>
    Choice,

    /// <summary>An option that may be given alone (its defaults) or with a value: a checkbox and a text field.</summary>
    OptionalValue,

    /// <summary>An option without a value: a checkbox.</summary>
    Switch,
}
