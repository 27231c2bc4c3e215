import ArgumentParser

/// argument-parser's completion scripts, taught that `supportplan PRESET|FILE …` needs no subcommand.
///
/// argument-parser completes a command that has subcommands with the subcommands' names only, so
/// `supportplan klar<Tab>` would offer nothing: it does not complete a default subcommand's arguments
/// at the root. Each shell's script gets one small addition at the root that offers what `repl` takes
/// (flags, presets and `.plan` files, through the same `---completion repl` callback the script uses
/// after `supportplan repl`). The additions are found by exact text; if argument-parser's output
/// changes shape, `text(for:)` returns nil and the caller falls back to the plain script, which
/// `Tests/install/test_install.sh` would catch (bash completes no preset name).
enum CompletionScript {
    /// The script for `supportplan --generate-completion-script SHELL`, or nil when the root could not
    /// be taught the default subcommand.
    static func text(for shell: CompletionShell) -> String? {
        let script = SupportPlanCommand.completionScript(for: shell)
        let names = SupportPlanCommand.configuration.subcommands.map { $0.configuration.commandName ?? "" } + ["help"]
        switch shell {
        case .bash:
            let subcommands = "COMPREPLY+=($(compgen -W '\(names.joined(separator: " "))' -- \"${cur}\"))\n"
            return script.replacingFirst(
                "        " + subcommands,
                with: """
                            if [[ "${#unparsed_words[@]}" -eq 0 ]]; then
                                \(subcommands)\
                            fi
                            # supportplan [OPTIONS] [PRESET|FILE ...] needs no subcommand: offer what `repl` takes.
                            _supportplan_repl

                    """)
        case .zsh:
            let described = "        _describe -V subcommand subcommands && ret=0\n"
            let dispatched = "            \"_supportplan_${words[1]}\" && ret=0\n            ;;\n"
            return script.replacingFirst(
                described, with: described + "        _supportplan_repl && ret=0\n"
            )?.replacingFirst(
                dispatched, with: dispatched + "        *)\n            _supportplan_repl && ret=0\n            ;;\n")
        case .fish:
            let anchor = "complete -c 'supportplan' -f\n"
            let root = """
                complete -c 'supportplan' -n '__supportplan_should_offer_completions_for_positional "supportplan" -ge 1' \
                -fka '(__supportplan_custom_completion ---completion repl -- positional@0 \
                (count (__supportplan_tokens -pc)) (__supportplan_tokens -tC))'

                """
            return script.replacingFirst(anchor, with: anchor + root)
        default:
            return nil
        }
    }

    /// The shell named by `--generate-completion-script SHELL` or `--generate-completion-script=SHELL`, or
    /// the one `$SHELL` names after a bare `--generate-completion-script`, when that is the whole command
    /// line; nil otherwise (argument-parser then answers, errors included).
    static func requestedShell(
        _ arguments: [String], autodetected: () -> CompletionShell? = CompletionShell.autodetected
    ) -> CompletionShell? {
        let flag = "--generate-completion-script"
        if arguments == [flag] { return autodetected() }
        if arguments.count == 2, arguments[0] == flag { return CompletionShell(rawValue: arguments[1]) }
        if arguments.count == 1, arguments[0].hasPrefix(flag + "=") {
            return CompletionShell(rawValue: String(arguments[0].dropFirst(flag.count + 1)))
        }
        return nil
    }
}

extension String {
    /// The string with the first occurrence of `target` replaced, or nil when there is none.
    fileprivate func replacingFirst(_ target: String, with replacement: String) -> String? {
        guard let range = firstRange(of: target) else { return nil }
        var text = self
        text.replaceSubrange(range, with: replacement)
        return text
    }
}
