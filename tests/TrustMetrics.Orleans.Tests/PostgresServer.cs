using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace TrustMetrics.Orleans.Tests;

/// <summary>
/// A PostgreSQL database for the tests, with Orleans' ADO.NET storage schema (Sql/*.sql) in it. The server is found or started:
/// <list type="number">
/// <item>the environment variable <c>TRUSTMETRICS_POSTGRES</c>, an Npgsql connection string to a running server whose user may
/// create databases (what <c>.ci/run</c> sets after starting Debian's cluster);</item>
/// <item>otherwise a private server this fixture starts from the installed binaries (<c>/usr/lib/postgresql/*/bin</c> or PATH):
/// <c>initdb</c> into a temporary folder (as the <c>postgres</c> user through <c>runuser</c> when running as root, since
/// PostgreSQL refuses root), trust authentication on 127.0.0.1 and a free port, stopped and deleted on dispose.</item>
/// </list>
/// A fresh database <c>trustmetrics_test_…</c> is created for the run and dropped on dispose. When neither way gives a server,
/// <see cref="Unavailable"/> says why and the PostgreSQL tests skip with that message, unless <c>TRUSTMETRICS_REQUIRE_POSTGRES=1</c>
/// (set by CI once it installed PostgreSQL), which turns the skip into a failure. Every external command has a time limit.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private static readonly TimeSpan CommandLimit = TimeSpan.FromSeconds(60);
    private readonly string? dataDir;
    private readonly string? binDir;
    private readonly bool asPostgresUser;
    private readonly string? adminConnection;
    private readonly string? database;

    public PostgresServer()
    {
        try
        {
            string? external = Environment.GetEnvironmentVariable("TRUSTMETRICS_POSTGRES");
            if (!string.IsNullOrWhiteSpace(external))
            {
                adminConnection = external;
                Source = "TRUSTMETRICS_POSTGRES";
            }
            else
            {
                binDir = FindBinaries();
                if (binDir is null)
                {
                    Unavailable = "PostgreSQL is not installed (no initdb/pg_ctl in /usr/lib/postgresql/*/bin or on PATH) and TRUSTMETRICS_POSTGRES is not set: "
                        + "install Debian's postgresql package (apt-get install -y postgresql) or point TRUSTMETRICS_POSTGRES at a server.";
                    return;
                }

                asPostgresUser = Environment.IsPrivilegedProcess;
                dataDir = Path.Combine(Path.GetTempPath(), "trustmetrics-pg-" + Guid.NewGuid().ToString("N")[..12]);
                int port = FreePort();
                Run("initdb", ["-D", dataDir, "-U", "trustmetrics", "-A", "trust", "-E", "UTF8", "-N"]);
                Run("pg_ctl", ["-D", dataDir, "-l", Path.Combine(dataDir, "server.log"), "-w", "-t", "60", "-o",
                    $"-p {port} -k {dataDir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200", "start"]);
                adminConnection = $"Host=127.0.0.1;Port={port};Username=trustmetrics;Database=postgres;Timeout=15;Command Timeout=60";
                Source = $"private server started by the test fixture ({binDir}, port {port})";
            }

            database = "trustmetrics_test_" + Guid.NewGuid().ToString("N")[..12];
            using (var admin = new NpgsqlConnection(adminConnection))
            {
                admin.Open();
                using var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
                create.ExecuteNonQuery();
            }

            ConnectionString = new NpgsqlConnectionStringBuilder(adminConnection) { Database = database, Pooling = true }.ConnectionString;
            using var connection = new NpgsqlConnection(ConnectionString);
            connection.Open();
            foreach (string script in new[] { "PostgreSQL-Main.sql", "PostgreSQL-Persistence.sql" })
            {
                using var command = new NpgsqlCommand(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Sql", script)), connection);
                command.ExecuteNonQuery();
            }
        }
        catch (Exception e)
        {
            Unavailable = $"PostgreSQL could not be started or prepared ({Source ?? "private server"}): {e.GetType().Name}: {e.Message}{ServerLogTail()}";
            ConnectionString = null;
        }
    }

    /// <summary>Connection string of the test database (with the storage schema); null when <see cref="Unavailable"/>.</summary>
    public string? ConnectionString { get; }

    /// <summary>Why there is no database (the skip message), or null.</summary>
    public string? Unavailable { get; }

    /// <summary>Where the server came from.</summary>
    public string? Source { get; }

    /// <summary>Skips the calling test with <see cref="Unavailable"/> (fails instead when TRUSTMETRICS_REQUIRE_POSTGRES=1).</summary>
    public void SkipIfUnavailable()
    {
        if (Unavailable is null)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable("TRUSTMETRICS_REQUIRE_POSTGRES") == "1")
        {
            Assert.Fail("TRUSTMETRICS_REQUIRE_POSTGRES=1 but " + Unavailable);
        }

        Skip.If(true, Unavailable);
    }

    public void Dispose()
    {
        try
        {
            if (database is not null && adminConnection is not null && ConnectionString is not null)
            {
                NpgsqlConnection.ClearAllPools();
                using var admin = new NpgsqlConnection(adminConnection);
                admin.Open();
                using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", admin);
                drop.ExecuteNonQuery();
            }
        }
        catch (NpgsqlException)
        {
            // The private server is removed below anyway; an external server keeps an orphan test database.
        }

        if (dataDir is not null && Directory.Exists(dataDir))
        {
            try
            {
                Run("pg_ctl", ["-D", dataDir, "-m", "immediate", "-w", "-t", "30", "stop"]);
            }
            catch (InvalidOperationException)
            {
                // Not running (start failed): nothing to stop.
            }

            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static string? FindBinaries()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out int v) ? v : 0).ToList()
            : [];
        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs a PostgreSQL program (as the postgres user through runuser when root), within <see cref="CommandLimit"/>.</summary>
    private void Run(string program, string[] arguments)
    {
        var start = new ProcessStartInfo
        {
            FileName = asPostgresUser ? "runuser" : Path.Combine(binDir!, program),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (asPostgresUser)
        {
            foreach (string a in new[] { "-u", "postgres", "--", Path.Combine(binDir!, program) })
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (string a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(CommandLimit))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{program} did not finish within {CommandLimit.TotalSeconds:0} s.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} exited with {process.ExitCode}: {error.Result.Trim()} {output.Result.Trim()}".Trim());
        }
    }

    private string ServerLogTail()
    {
        string? log = dataDir is null ? null : Path.Combine(dataDir, "server.log");
        return log is not null && File.Exists(log) ? " — server log: " + string.Join(" | ", File.ReadLines(log).TakeLast(5)) : "";
    }
}
