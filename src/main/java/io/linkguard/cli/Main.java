package io.linkguard.cli;

import io.linkguard.config.ConfigurationException;
import io.linkguard.remediation.HubBusyException;
import io.linkguard.remediation.HubConnectionException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The command line: {@code linkguard plan|apply|simulate|evaluate ...}. Exit codes are documented in {@link #USAGE}. */
public final class Main {
    static final String USAGE = """
            usage: linkguard <command> [options]

              plan      --logs FILE|-  [--format table|json] [--timeline] [--html FILE] [--out FILE]
                        [--settings local.settings.json] [--set LINKGUARD_X=V]... [--fail-on CLASS[,CLASS]]
                        Classify every identity with a 409002/400027 conflict in an exported log file
                        (az CLI JSON, query API JSON or portal CSV; gzip detected). Read-only.
              apply     --logs FILE|-  [--hub HOST|ARM-ID] [--mode observe|dry-run|enforce] [--format table|json]
                        [--out FILE] [--writes] [--run-id ID] [--settings ...] [--set ...]
                        The plan, then remediation on the hub: twin tags, back-off, tickets. Mode from
                        --mode or LINKGUARD_MODE (default dry-run: lists every write, makes none); dry-run
                        and enforce need --hub; observe touches no hub.
              simulate  --out DIR [--seed N] [--identities N] [--hours H] [--gzip]
                        Write a simulated fleet's logs in all three formats plus truth.json.
              evaluate  --logs FILE --truth truth.json [--settings ...] [--set ...]
                        Compare plan's classes with a simulator's ground truth.

            linkguard <command> --help   a command's options in full
            linkguard --version          the version

            exit codes: 0 done; 2 bad usage or configuration; 3 input not readable; 4 --fail-on matched;
                        5 apply left something undone (a failure a later run retries, or the fleet guard);
                        6 the hub could not be reached; 7 apply left the hub alone: another run holds its
                        writer lease (nothing done; run it again later)
            """;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err, System.getenv(), Adapters.standard()));
    }

    static int run(List<String> args, PrintStream out, PrintStream err, Map<String, String> env) {
        return run(args, out, err, env, Adapters.none());
    }

    /** The command line acting through {@code adapters} (the hub adapter and ticket sink a build wires in). */
    public static int run(List<String> args, PrintStream out, PrintStream err, Map<String, String> env, Adapters adapters) {
        if (args.isEmpty()) {
            err.print(USAGE);
            return 2;
        }
        String command = args.get(0);
        switch (command) {
            case "--help", "-h", "help" -> {
                return help(args.subList(1, args.size()), out, err);
            }
            case "--version", "-V", "version" -> {
                out.println("linkguard " + Version.current());
                return 0;
            }
            default -> {
            }
        }
        List<String> rest = args.subList(1, args.size());
        try {
            return switch (command) {
                case "plan" -> new PlanCommand(out, err, env).run(rest);
                case "apply" -> new ApplyCommand(out, err, env, adapters).run(rest);
                case "simulate" -> new SimulateCommand(out).run(rest);
                case "evaluate" -> new EvaluateCommand(out, env).run(rest);
                default -> throw new Arguments.UsageException("unknown command '" + command + "'");
            };
        } catch (Arguments.HelpRequested e) {
            out.print(usageOf(command));
            return 0;
        } catch (Arguments.UsageException e) {
            err.println("linkguard: " + e.getMessage());
            err.print(usageOf(command));
            return 2;
        } catch (ConfigurationException e) {
            err.println("linkguard: " + e.getMessage());
            return 2;
        } catch (HubBusyException e) {
            err.println("linkguard: hub busy: " + e.getMessage());
            return ApplyCommand.EXIT_HUB_BUSY;
        } catch (HubConnectionException e) {
            err.println("linkguard: hub not reachable: " + e.getMessage());
            return ApplyCommand.EXIT_HUB_UNREACHABLE;
        } catch (java.nio.file.NoSuchFileException e) {
            err.println("linkguard: no such file: " + e.getFile());
            return 3;
        } catch (java.io.IOException e) {
            err.println("linkguard: " + e.getMessage());
            return 3;
        }
    }

    /** {@code help} alone: the overview; {@code help COMMAND}: that command's usage. */
    private static int help(List<String> topic, PrintStream out, PrintStream err) {
        if (topic.isEmpty()) {
            out.print(USAGE);
            return 0;
        }
        String usage = commandUsage(topic.get(0));
        if (usage == null) {
            err.println("linkguard: unknown command '" + topic.get(0) + "'");
            err.print(USAGE);
            return 2;
        }
        out.print(usage);
        return 0;
    }

    private static String usageOf(String command) {
        String usage = commandUsage(command);
        return usage != null ? usage : USAGE;
    }

    /** The command's own usage, or null for no such command. */
    static String commandUsage(String command) {
        return switch (command) {
            case "plan" -> PlanCommand.USAGE;
            case "apply" -> ApplyCommand.USAGE;
            case "simulate" -> SimulateCommand.USAGE;
            case "evaluate" -> EvaluateCommand.USAGE;
            default -> null;
        };
    }
}
