// Command parc rescues WordPress blogs: it imports a blog from an export,
// feeds or its pages into a local archive and shows what it holds.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"runtime/pprof"
	"syscall"

	"github.com/urfave/cli/v2"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/internal/gctune"
)

// version names this build in --version and in the crawler's User-Agent.
const version = "0.1.0"

// usageError marks a command line parc cannot act on: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

func main() {
	gctune.Apply()
	stopProfile, err := startCPUProfile(os.Getenv("PARC_CPUPROFILE"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "parc:", err)
		os.Exit(1)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args, os.Stdout, os.Stderr)
	stop()
	stopProfile()
	os.Exit(code)
}

// startCPUProfile writes a CPU profile of the command to path (go tool
// pprof reads it) until the returned function is called: where an import
// or an export spends its time, on the user's own blog. An empty path
// profiles nothing.
func startCPUProfile(path string) (stop func(), err error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("PARC_CPUPROFILE: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("PARC_CPUPROFILE: %w", err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}

// run executes one command line and returns the exit status: 0 on
// success, 1 on failure, 2 on a usage error.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) (code int) {
	if len(args) > 1 && args[len(args)-1] == "--generate-bash-completion" {
		// urfave/cli v2 panics when a word before it is not a flag it
		// knows: a completion then offers nothing rather than a trace.
		defer func() {
			if recover() != nil {
				code = 0
			}
		}()
	}
	app := newApp(stdout, stderr)
	unknownCommand := false
	app.CommandNotFound = func(c *cli.Context, name string) {
		fmt.Fprintf(stderr, "parc: no command %q (see 'parc --help')\n", name)
		unknownCommand = true
	}
	err := app.RunContext(ctx, flagsFirst(app, args))
	if unknownCommand {
		return 2
	}
	if err == nil {
		return 0
	}
	fmt.Fprintf(stderr, "parc: %v\n", err)
	if errors.As(err, new(usageError)) {
		return 2
	}
	return 1
}

func newApp(stdout, stderr io.Writer) *cli.App {
	onUsageError := func(c *cli.Context, err error, _ bool) error {
		help := "parc --help"
		if c.Command != nil && c.Command.Name != "" && c.Command.Name != c.App.Name {
			help = "parc " + c.Command.Name + " --help"
		}
		return usagef("%s (see '%s')", twoDashes(err.Error()), help)
	}
	app := &cli.App{
		Name:    "parc",
		Usage:   "rescue a WordPress blog into a durable, searchable local archive",
		Version: version,
		Flags: []cli.Flag{
			&cli.StringFlag{
				Name:    "archive",
				Usage:   "archive `DIR`",
				EnvVars: []string{"PARC_ARCHIVE"},
				Value:   "parc-archive",
			},
		},
		Writer:                 stdout,
		ErrWriter:              stderr,
		HideHelpCommand:        true,
		UseShortOptionHandling: true,
		EnableBashCompletion:   true,
		OnUsageError:           onUsageError,
		ExitErrHandler:         func(*cli.Context, error) {}, // run reports errors and picks the status
		Commands: []*cli.Command{
			importCommand(),
			sitesCommand(),
			postsCommand(),
			showCommand(),
			verifyCommand(),
			searchCommand(),
			reindexCommand(),
			serveCommand(),
			reparseCommand(),
			exportCommand(),
			mediaCommand(),
			themeCommand(),
			versionCommand(),
			completionCommand(),
			manCommand(),
		},
	}
	rejectArguments(app.Commands, "")
	for _, cmd := range app.Commands {
		cmd.OnUsageError = onUsageError
		for _, sub := range cmd.Subcommands {
			sub.OnUsageError = onUsageError
		}
	}
	return app
}

// openStore opens the archive the global flag names.
func openStore(c *cli.Context) (*archive.Store, error) {
	return archive.Open(c.String("archive"))
}

// openExistingStore opens an archive already made, and says clearly when
// there is none yet rather than make an empty one.
func openExistingStore(c *cli.Context) (*archive.Store, error) {
	dir := c.String("archive")
	if _, err := os.Stat(filepath.Join(dir, archive.DatabaseFile)); err != nil {
		return nil, fmt.Errorf("no archive at %s: start one with parc import FILE|URL, or name another with --archive or PARC_ARCHIVE", dir)
	}
	return archive.Open(dir)
}

// newArchiveUndo returns what removes an archive a command is about to
// create in dir, for when its first import fails: the files it adds to
// an existing folder, or the folder it makes. It does nothing when dir
// already holds an archive.
func newArchiveUndo(dir string) (undo func() error) {
	if _, err := os.Stat(filepath.Join(dir, archive.DatabaseFile)); err == nil {
		return func() error { return nil }
	}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return func() error { return os.RemoveAll(dir) }
	}
	before := map[string]bool{}
	for _, e := range entries {
		before[e.Name()] = true
	}
	return func() error {
		after, err := os.ReadDir(dir)
		if err != nil {
			return err
		}
		for _, e := range after {
			if !before[e.Name()] {
				if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
					return err
				}
			}
		}
		return nil
	}
}

// oneDashFlag is a long flag as Go's flag package names it in its errors.
var oneDashFlag = regexp.MustCompile(`(^|[\s:])-([a-z][a-z-]+)`)

// twoDashes writes the long flags an error names as parc's help does:
// "--colour", not "-colour".
func twoDashes(msg string) string {
	return oneDashFlag.ReplaceAllString(msg, "$1--$2")
}
