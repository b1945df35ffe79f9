import ParkControl
import Testing

@Suite("Interface definitions")
struct InterfaceDefinitionTests {
    static let interfaces = [
        VarlinkServiceAPI.interface, ServiceAPI.interface, TenantAPI.interface, UnitAPI.interface,
        LeaseAPI.interface, ReportAPI.interface, StatsAPI.interface, IncubatorAPI.interface, AuditAPI.interface,
        PolicyAPI.interface, RewardAPI.interface, DemoAPI.interface, CalendarAPI.interface,
    ]

    func names(_ keyword: String, in definition: String) -> [String] {
        definition.split(separator: "\n").compactMap { line in
            let words = line.split(whereSeparator: { $0 == " " || $0 == "(" })
            return words.first.map(String.init) == keyword && words.count > 1 ? String(words[1]) : nil
        }
    }

    @Test("each definition declares the interface it is served as", arguments: interfaces.map(\.name))
    func declaresItsName(_ name: String) throws {
        let interface = try #require(Self.interfaces.first { $0.name == name })
        #expect(interface.definition.contains("\ninterface \(name)\n"))
    }

    // Varlink keeps types, methods and errors in one namespace per interface: a type named like a
    // method makes clients (python's varlink) resolve the wrong one.
    @Test("no name is both a type, a method or an error", arguments: interfaces.map(\.name))
    func uniqueMemberNames(_ name: String) throws {
        let definition = try #require(Self.interfaces.first { $0.name == name }).definition
        let members = names("type", in: definition) + names("method", in: definition) + names("error", in: definition)
        #expect(Set(members).count == members.count, "\(members)")
    }
}
