package main

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/parc-archive/parc/search"
)

func verifyCommand() *cli.Command {
	return &cli.Command{
		Name:  "verify",
		Usage: "check the archive's integrity",
		Flags: []cli.Flag{&cli.BoolFlag{Name: "json", Usage: `print {"ok":bool,"problems":[...]}`}},
		Action: func(c *cli.Context) error {
			store, err := openExistingStore(c)
			if err != nil {
				return err
			}
			defer store.Close()
			check, err := store.Verify(c.Context)
			if err != nil {
				return err
			}
			indexProblems, indexNotes, err := search.Check(c.Context, store, store.Dir())
			switch {
			case errors.Is(err, search.ErrLocked):
				check.Notes = append(check.Notes, fmt.Sprintf("search index not checked: %v", err))
			case errors.Is(err, search.ErrBehind):
				check.Notes = append(check.Notes, fmt.Sprintf("%v; the next parc import or search catches it up", err))
			case err != nil:
				return err
			}
			check.Problems = append(check.Problems, indexProblems...)
			for _, n := range indexNotes {
				check.Notes = append(check.Notes, "search index: "+n)
			}
			out := c.App.Writer
			ok := len(check.Problems) == 0
			if c.Bool("json") {
				problems := check.Problems
				if problems == nil {
					problems = []string{}
				}
				json.NewEncoder(out).Encode(struct {
					OK       bool     `json:"ok"`
					Problems []string `json:"problems"`
				}{ok, problems})
			} else {
				for _, p := range check.Problems {
					fmt.Fprintf(out, "problem: %s\n", p)
				}
				for _, n := range check.Notes {
					fmt.Fprintf(out, "note: %s\n", n)
				}
				if ok {
					fmt.Fprintln(out, "ok: the archive is consistent")
				}
			}
			if !ok {
				return fmt.Errorf("the archive has %d problems", len(check.Problems))
			}
			return nil
		},
	}
}
