using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using ConcurrencyDemo.Playground;

namespace ConcurrencyDemo.Cli;

/// <summary>The <c>serve</c> command: the live playground on 127.0.0.1 until Ctrl+C.</summary>
internal sealed class ServeCommand(ParseResult parse, TextWriter stdout, TextWriter stderr)
{
    private static readonly Option<string?> s_port = new("--port")
    {
        Description = "Port to listen on; 0 picks a free one. e.g. 8080. Default: 0",
        HelpName = "N",
    };

    private static readonly Option<string?> s_listen = new("--listen")
    {
        Description = "Address to listen on instead of 127.0.0.1, e.g. 0.0.0.0 for every interface: anyone who can reach it can use the playground, including its real-clock runs on this machine. Default: 127.0.0.1",
        HelpName = "ADDRESS",
    };

    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command(
            "serve",
            "Serves the live playground, a web page on which every scenario option is a control: change one and sync and async are simulated again on the virtual clock and drawn side by side; a link or the page's command reproduces the view. Listens on 127.0.0.1 only unless --listen says otherwise; Ctrl+C stops it. e.g.\n" +
            "  concurrency-demo-benchmarks serve --port 8080");
        command.Options.Add(s_port);
        command.Options.Add(s_listen);
        command.SetAction(parse => new ServeCommand(parse, stdout, stderr).Execute());
        return command;
    }

    private int Execute()
    {
        var problems = new List<string>();
        string portText = parse.GetValue(s_port) ?? "0";
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port > IPEndPoint.MaxPort)
        {
            problems.Add($"--port: \"{portText}\" is not a port — expected a whole number from 0 to 65535, e.g. 8080 (0: a free port)");
        }

        string listenText = parse.GetValue(s_listen) ?? "127.0.0.1";
        if (!IPAddress.TryParse(listenText, out IPAddress? address))
        {
            problems.Add($"--listen: \"{listenText}\" is not an IP address — expected e.g. 127.0.0.1, ::1 or 0.0.0.0");
        }

        if (problems.Count > 0)
        {
            return UserError.Report(stderr, problems);
        }

        using var stop = new CancellationTokenSource();
        using PosixSignalRegistration sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        PlaygroundServer server;
        try
        {
            server = PlaygroundServer.StartAsync(new PlaygroundOptions(), address!, port, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressNotAvailable)
        {
            // A well-formed address that no interface of this machine has (Kestrel throws this one unwrapped).
            return UserError.Report(stderr, [$"--listen: cannot listen on {listenText} ({e.Message.TrimEnd('.')}) — expected an address of this machine, e.g. 127.0.0.1, ::1 or 0.0.0.0"]);
        }
        catch (IOException e) when (e.InnerException is SocketException || e.Message.Contains("address", StringComparison.OrdinalIgnoreCase))
        {
            return UserError.Report(stderr, [$"--port: cannot listen on {listenText}:{port} ({e.Message.TrimEnd('.')}) — choose another --port, or 0 for a free one"]);
        }

        if (!IPAddress.IsLoopback(address!))
        {
            stderr.WriteLine($"{UserError.Tool}: listening on {address}: anyone who can reach this address can use the playground and start real-clock runs on this machine");
        }

        stdout.WriteLine($"Playground: {server.Url} (Ctrl+C stops it)");
        stdout.Flush();
        stop.Token.WaitHandle.WaitOne();
        server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        stdout.WriteLine("Playground stopped.");
        return ExitCodes.Success;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true; // we end ourselves, after the server has stopped
            stop.Cancel();
        }
    }
}
