import Foundation
import InterfaceTestSupport
import ParkControl
import Testing

@Suite("Interface definitions")
struct InterfaceDefinitionTests {
    static let names = ParkInterfaces.all.map(\.name)

    static func interface(_ name: String) throws -> VarlinkInterface {
        try #require(ParkInterfaces.all.first { $0.name == name })
    }

    @Test("each definition declares the interface it is served as", arguments: names)
    func declaresItsName(_ name: String) throws {
        let interface = try Self.interface(name)
        #expect(interface.definition.contains("\ninterface \(name)\n"))
        #expect(try InterfaceDefinition(interface.definition).name == name)
    }

    // Varlink keeps types, methods and errors in one namespace per interface: a type named like a
    // method makes clients (python's varlink) resolve the wrong one.
    @Test("no name is both a type, a method or an error", arguments: names)
    func uniqueMemberNames(_ name: String) throws {
        let members = try InterfaceDefinition(Self.interface(name).definition).members.map(\.name)
        #expect(Set(members).count == members.count, "\(members)")
    }
}

@Suite("The README's admin channel")
struct ReadmeInterfaceTableTests {
    /// The rows of the table under "The admin channel (Varlink)": each interface's name and
    /// the method names its second cell lists.
    static func documentedTable() throws -> [String: [String]] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "## The admin channel (Varlink)").dropFirst().first)
        var table: [String: [String]] = [:]
        for line in section.split(separator: "\n").prefix(while: { !$0.hasPrefix("Their definitions") }) where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 2 else { continue }
            table[cells[0].trimmingCharacters(in: ["`"])] = cells[1].matches(of: /`([A-Za-z]+)`/).map { String($0.output.1) }
        }
        return table
    }

    @Test("lists every interface parkd serves, each with every method its definition declares")
    func everyInterfaceAndMethod() throws {
        let served = Dictionary(uniqueKeysWithValues: ParkInterfaces.all.map { interface in
            (interface.name, interface.methods.map { String($0.name.split(separator: ".").last!) })
        })
        let documented = try Self.documentedTable()
        let expectedRows = ParkInterfaces.all.map { "| `\($0.name)` | " + served[$0.name]!.map { "`\($0)`" }.joined(separator: ", ") + " |" }
        #expect(Set(documented.keys) == Set(served.keys), "the table should be:\n\(expectedRows.joined(separator: "\n"))")
        for (name, methods) in served {
            #expect(Set(documented[name] ?? []) == Set(methods), "\(name): the README lists \(documented[name] ?? []), parkd serves \(methods)")
        }
    }

    @Test("names every error an interface of parkd's declares")
    func everyError() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let paragraph = try #require(readme.components(separatedBy: "\nErrors: ").dropFirst().first?.components(separatedBy: "\n\n").first)
        var documented: Set<String> = []
        for match in paragraph.replacingOccurrences(of: "\n", with: " ").matches(of: /`(io\.parkd\.[A-Za-z]+)\.(?:\{([^}]*)\}|([A-Za-z]+))`/) {
            let names = match.output.2.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? [String(match.output.3!)]
            documented.formUnion(names.map { "\(match.output.1).\($0)" })
        }
        let declared = ParkInterfaces.all.filter { $0.name.hasPrefix("io.parkd.") }
        let expected = declared.filter { !$0.errors.isEmpty }.map { interface in
            "`\(interface.name).{" + interface.errors.map { String($0.name.split(separator: ".").last!) }.joined(separator: ", ") + "}`"
        }
        #expect(documented == Set(declared.flatMap { interface in interface.errors.map { $0.name } }), "the errors should be:\n\(expected.joined(separator: ",\n"))")
    }
}
