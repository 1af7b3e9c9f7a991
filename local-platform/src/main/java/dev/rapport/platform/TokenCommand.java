package dev.rapport.platform;

import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code ./rapport token MEMBER [--days N]}: prints a bearer token for a member of the embedded default,
 * and nothing else on standard output, so that {@code TOKEN=$(./rapport token alice)} works.
 */
public final class TokenCommand {

    private TokenCommand() {}

    public static void main(String[] args) {
        try {
            System.out.println(run(args, LocalPlatform.varDirFromEnvironment()));
        } catch (UsageException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: ./rapport token MEMBER [--days N]");
            System.exit(2);
        } catch (PlatformException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }

    /** Parses the arguments and returns the token; the key pair lives under {@code varDir/keys}. */
    static String run(String[] args, Path varDir) {
        String member = null;
        Duration validity = TokenIssuer.DEFAULT_VALIDITY;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--days")) {
                if (i + 1 >= args.length) {
                    throw new UsageException("--days needs a number of days");
                }
                validity = Duration.ofDays(days(args[++i]));
            } else if (arg.startsWith("--days=")) {
                validity = Duration.ofDays(days(arg.substring("--days=".length())));
            } else if (arg.startsWith("-")) {
                throw new UsageException("Unknown option " + arg);
            } else if (member != null) {
                throw new UsageException("One member only, got " + member + " and " + arg);
            } else {
                member = arg;
            }
        }
        if (member == null || member.isBlank()) {
            throw new UsageException("Which member? e.g. ./rapport token demo");
        }
        return TokenIssuer.forVarDir(varDir).issue(member, validity);
    }

    private static long days(String text) {
        try {
            long days = Long.parseLong(text);
            if (days < 1 || days > 366) {
                throw new UsageException("--days must be between 1 and 366, not " + days);
            }
            return days;
        } catch (NumberFormatException e) {
            throw new UsageException("--days needs a whole number of days, not " + text);
        }
    }

    /** Wrong command-line arguments. */
    static final class UsageException extends PlatformException {
        UsageException(String message) {
            super(message);
        }
    }
}
