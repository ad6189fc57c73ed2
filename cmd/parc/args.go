package main

import (
	"slices"
	"strings"

	"github.com/urfave/cli/v2"
)

// flagsFirst reorders a command line so that urfave/cli v2, which stops
// reading flags at the first argument, sees every flag: the flags of the
// command (and subcommand) named are moved before its arguments, which
// follow a "--". Which flags take a value comes from the commands' own flag
// definitions, so "--limit 5" moves as a pair and "--json" alone. Anything
// after a "--" the user typed stays an argument, even if it starts with a
// dash. A global flag (--archive) given after the command moves to the
// front; a flag parc does not know is moved as it is, for urfave/cli to
// report.
func flagsFirst(app *cli.App, args []string) []string {
	if len(args) < 2 || args[len(args)-1] == "--generate-bash-completion" {
		return args // a completion script asks what may follow, as typed
	}
	out := []string{args[0]}
	rest := args[1:]
	flags := app.Flags
	commands := app.Commands
	for {
		var leading []string
		leading, rest = splitLeadingFlags(flags, rest)
		out = append(out, leading...)
		if len(rest) == 0 || rest[0] == "--" {
			return append(out, rest...)
		}
		cmd := findCommand(commands, rest[0])
		if cmd == nil {
			return append(out, rest...)
		}
		out = append(out, rest[0])
		rest = rest[1:]
		if len(cmd.Subcommands) == 0 {
			globals, local := separate(app.Flags, cmd.Flags, rest)
			return append(append(out[:1:1], globals...), append(out[1:], local...)...)
		}
		flags, commands = cmd.Flags, cmd.Subcommands
	}
}

// splitLeadingFlags returns the flags (with their values) at the head of
// args and what follows them.
func splitLeadingFlags(defs []cli.Flag, args []string) (flags, rest []string) {
	i := 0
	for i < len(args) && isFlag(args[i]) {
		if takesValue(defs, args[i]) && i+1 < len(args) {
			i++
		}
		i++
	}
	return args[:i], args[i:]
}

// separate returns the global flags among a leaf command's arguments, and
// the command's own flags followed by "--" and its arguments.
func separate(globalDefs, defs []cli.Flag, args []string) (globals, local []string) {
	var flags, positional []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			positional = append(positional, args[i+1:]...)
			i = len(args)
		case isFlag(a) && !defines(defs, a) && defines(globalDefs, a):
			globals = append(globals, a)
			if takesValue(globalDefs, a) && i+1 < len(args) {
				i++
				globals = append(globals, args[i])
			}
		case isFlag(a):
			flags = append(flags, a)
			if takesValue(defs, a) && i+1 < len(args) {
				i++
				flags = append(flags, args[i])
			}
		default:
			positional = append(positional, a)
		}
	}
	// urfave/cli reads an argument after --help as a command to explain
	if len(positional) == 0 || slices.ContainsFunc(flags, isHelp) {
		return globals, flags
	}
	return globals, append(append(flags, "--"), positional...)
}

func isHelp(arg string) bool { return arg == "--help" || arg == "-h" }

func isFlag(arg string) bool {
	return len(arg) > 1 && arg[0] == '-' && arg != "--"
}

// takesValue reports whether arg is a flag, given without "=VALUE", whose
// definition says it takes a value from the next argument.
func takesValue(defs []cli.Flag, arg string) bool {
	if strings.Contains(arg, "=") {
		return false
	}
	v, ok := lookupFlag(defs, arg).(interface{ TakesValue() bool })
	return ok && v.TakesValue()
}

func defines(defs []cli.Flag, arg string) bool { return lookupFlag(defs, arg) != nil }

// lookupFlag returns the definition of the flag arg ("--name" or
// "--name=value"), or nil.
func lookupFlag(defs []cli.Flag, arg string) cli.Flag {
	name, _, _ := strings.Cut(strings.TrimLeft(arg, "-"), "=")
	for _, f := range defs {
		for _, n := range f.Names() {
			if n == name {
				return f
			}
		}
	}
	return nil
}

func findCommand(commands []*cli.Command, name string) *cli.Command {
	for _, c := range commands {
		if c.HasName(name) {
			return c
		}
	}
	return nil
}

// rejectArguments makes each command that takes no arguments (its
// ArgsUsage is empty) refuse a stray one as a usage error, rather than
// ignore it.
func rejectArguments(commands []*cli.Command, path string) {
	for _, cmd := range commands {
		name := strings.TrimSpace(path + " " + cmd.Name)
		if len(cmd.Subcommands) > 0 {
			rejectArguments(cmd.Subcommands, name)
			continue
		}
		if cmd.ArgsUsage != "" || cmd.Action == nil {
			continue
		}
		action := cmd.Action
		cmd.Action = func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usagef("%s takes no arguments, not %q (see 'parc %s --help')", name, c.Args().First(), name)
			}
			return action(c)
		}
	}
}
