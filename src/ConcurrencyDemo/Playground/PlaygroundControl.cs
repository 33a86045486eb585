namespace ConcurrencyDemo.Playground;

/// <summary>
/// One control of the playground page, standing for one command-line option: the page draws its
/// controls from a list of these, so an option added to the tool appears without a page change.
/// </summary>
/// <param name="Key">The query-string field, the option's name without its dashes, e.g. <c>num_req</c>.</param>
/// <param name="Option">The option as typed on the command line, e.g. <c>--num_req</c>.</param>
/// <param name="HelpName">The value's form as --help shows it, e.g. <c>RPS</c>.</param>
/// <param name="Description">The option's --help text.</param>
/// <param name="Kind">How the page draws it.</param>
/// <param name="Choices">The words a <see cref="PlaygroundControlKind.Choice"/> accepts; empty otherwise.</param>
/// <param name="Repeatable">Whether the option may be given more than once (one value per line on the page).</param>
public sealed record PlaygroundControl(
    string Key,
    string Option,
    string HelpName,
    string Description,
    PlaygroundControlKind Kind,
    IReadOnlyList<string> Choices,
    bool Repeatable);
