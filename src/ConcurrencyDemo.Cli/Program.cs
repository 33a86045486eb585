using System.CommandLine;
using ConcurrencyDemo.Cli;

return CommandLine.Run(args, Console.Out, Console.Error);
