package main

import (
	"fmt"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/parc-archive/parc/site"
)

func themeCommand() *cli.Command {
	return &cli.Command{
		Name:      "theme",
		Usage:     "write the default theme's templates and stylesheet into DIR, to start a theme from",
		ArgsUsage: "DIR",
		Description: `Writes templates/*.html (Go html/template) and static/* of the theme parc
serve uses into DIR, which must not exist yet or be empty. Edit what you
want to change and serve with parc serve --theme DIR: a file DIR has
replaces the default one of the same name; files you delete fall back to
the default theme.`,
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usagef("theme needs exactly one DIR (see 'parc theme --help')")
			}
			dir := c.Args().First()
			if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
				return fmt.Errorf("theme: %s is not empty; name a new folder", dir)
			}
			if err := os.CopyFS(dir, site.DefaultTheme()); err != nil {
				return fmt.Errorf("theme: %w", err)
			}
			fmt.Fprintf(c.App.Writer, "wrote the default theme to %s; serve with: parc serve --theme %s\n", dir, dir)
			return nil
		},
	}
}
