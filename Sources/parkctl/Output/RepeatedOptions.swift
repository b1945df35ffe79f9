import ArgumentParser
import Foundation

/// A single-value option given twice (`--rent 40 … --rent 4`): argument parser keeps the last
/// without a word, so a slip changes what is recorded. parkctl refuses it as a usage error naming
/// the option, as parkd refuses a JSON object that names a member twice. Options that take
/// several values (`--seat`, `--run`, `--reviewer`) repeat freely.
enum RepeatedOptions {
    /// Why `words` (the arguments after `parkctl`) cannot be read, or nil.
    static func refusal(_ words: [String]) -> String? {
        let words = Array(words.prefix { $0 != "--" })
        // Cheap first: no long option written twice (or a value that looks like one), nothing to read.
        let names = words.filter { $0.hasPrefix("--") }.map { String($0.dropFirst(2).prefix { $0 != "=" }) }
        guard Set(names).count < names.count, let tool = try? JSONDecoder().decode(Tool.self, from: Data(Parkctl._dumpHelp().utf8)) else {
            return nil
        }
        // Word by word, as argument parser reads them: a subcommand's name takes its options in,
        // an option of a value takes the next word as that value, whatever it starts with.
        var command = tool.command
        var options = command.arguments ?? []
        var given: [String: Int] = [:]
        var index = 0
        while index < words.count {
            let word = words[index]
            index += 1
            guard word.hasPrefix("--") else {
                if let subcommand = command.subcommands?.first(where: { $0.commandName == word }) {
                    command = subcommand
                    options += subcommand.arguments ?? []
                }
                continue
            }
            let name = String(word.dropFirst(2).prefix { $0 != "=" })
            guard let option = options.first(where: { ($0.names ?? []).contains { $0.kind == "long" && $0.name == name } }), option.kind == "option" else {
                continue
            }
            if !word.contains("=") { index += 1 }
            guard !option.isRepeating else { continue }
            given[name, default: 0] += 1
            if given[name] == 2 { return "--\(name) is given twice; it takes one value: give it once" }
        }
        return nil
    }

    /// What argument parser says of the commands (`--experimental-dump-help`), as far as read here.
    private struct Tool: Decodable {
        let command: Command
    }

    private struct Command: Decodable {
        let commandName: String
        let arguments: [Argument]?
        let subcommands: [Command]?
    }

    private struct Argument: Decodable {
        struct Name: Decodable {
            let kind: String
            let name: String
        }

        let kind: String
        let names: [Name]?
        let isRepeating: Bool
    }
}
