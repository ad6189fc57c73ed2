package main

import (
	"fmt"

	"github.com/urfave/cli/v2"
)

func versionCommand() *cli.Command {
	return &cli.Command{
		Name:  "version",
		Usage: "print parc's version",
		Action: func(c *cli.Context) error {
			fmt.Fprintf(c.App.Writer, "parc version %s\n", version)
			return nil
		},
	}
}

// Completion scripts ask parc itself for the words that may follow
// (urfave/cli answers --generate-bash-completion from the command
// definitions), so they never fall out of step with the commands.
const bashCompletion = `# parc completion for bash: source it, or save it as
# /etc/bash_completion.d/parc (or ~/.local/share/bash-completion/completions/parc)
_parc_complete() {
	local cur="${COMP_WORDS[COMP_CWORD]}"
	local words=("${COMP_WORDS[@]:0:COMP_CWORD}")
	if [[ "$cur" == -* ]]; then
		words+=(-) # asks for every flag; compgen keeps those that fit
	fi
	local IFS=$'\n'
	COMPREPLY=($(compgen -W "$("${words[@]}" --generate-bash-completion 2>/dev/null | cut -d: -f1)" -- "$cur"))
}
complete -o default -F _parc_complete parc
`

const zshCompletion = `#compdef parc
# parc completion for zsh: save it as _parc in a folder of your $fpath
_parc() {
	local -a candidates
	local cur=${words[CURRENT]}
	local -a asked=(${words[1,CURRENT-1]})
	[[ $cur == -* ]] && asked+=(-) # asks for every flag
	candidates=("${(@f)$($asked --generate-bash-completion 2>/dev/null)}")
	if [[ -n ${candidates[1]} ]]; then
		_describe 'parc' candidates
	else
		_files
	fi
}
compdef _parc parc
`

func completionCommand() *cli.Command {
	return &cli.Command{
		Name:      "completion",
		Usage:     "print a shell completion script for bash, zsh or fish",
		ArgsUsage: "SHELL",
		Description: `bash:  parc completion bash > ~/.local/share/bash-completion/completions/parc
zsh:   parc completion zsh > "${fpath[1]}/_parc"
fish:  parc completion fish > ~/.config/fish/completions/parc.fish`,
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usagef("completion needs one SHELL: bash, zsh or fish (see 'parc completion --help')")
			}
			switch shell := c.Args().First(); shell {
			case "bash":
				fmt.Fprint(c.App.Writer, bashCompletion)
			case "zsh":
				fmt.Fprint(c.App.Writer, zshCompletion)
			case "fish":
				script, err := c.App.ToFishCompletion()
				if err != nil {
					return err
				}
				fmt.Fprint(c.App.Writer, script)
			default:
				return usagef("completion: no script for %q: parc has bash, zsh and fish", shell)
			}
			return nil
		},
	}
}

func manCommand() *cli.Command {
	return &cli.Command{
		Name:  "man",
		Usage: "print parc's manual page (roff), made from its command definitions",
		Description: `man <(parc man)   reads it;
parc man > /usr/local/share/man/man1/parc.1   installs it.`,
		Action: func(c *cli.Context) error {
			page, err := c.App.ToManWithSection(1)
			if err != nil {
				return err
			}
			fmt.Fprint(c.App.Writer, page)
			return nil
		},
	}
}
