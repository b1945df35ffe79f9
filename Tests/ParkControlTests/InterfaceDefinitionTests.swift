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
