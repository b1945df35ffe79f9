import InterfaceTestSupport
import ParkControl
import Testing

/// What parkd sends as an error, parkctl reads back by its name alone.
@Suite("Declared errors")
struct DeclaredErrorTests {
    @Test("every declared error goes on the wire and is read back by name, to the same kind and sentence", arguments: ParkInterfaces.all.map(\.name))
    func roundTrip(_ name: String) throws {
        let interface = try #require(ParkInterfaces.all.first { $0.name == name })
        let definition = try InterfaceDefinition(interface.definition)
        for member in definition.errors {
            let declared = try #require(interface.errors.first { $0.name == "\(name).\(member.name)" }, "\(member.name)")
            let sent = try #require(declared.decoded(from: .object(try InterfaceContract.sample(member.fields, in: definition))), "\(member.name)")
            let read = try #require(sent.varlinkError.declared(in: ParkInterfaces.all), "\(member.name)")
            #expect(Swift.type(of: read).name == declared.name)
            #expect(read.sentence == sent.sentence)
            #expect(!read.sentence.isEmpty)
        }
    }

    @Test("parameters that do not fit the declaration, or an unknown name, are not taken for a declared error")
    func misfits() {
        #expect(VarlinkError(name: TenantAPI.NoSuchTenant.name, parameters: .object(["tenant": .integer(3)])).declared(in: ParkInterfaces.all) == nil)
        #expect(VarlinkError(name: "io.parkd.Tenant.NoSuchThing").declared(in: ParkInterfaces.all) == nil)
        let conflict = LeaseAPI.LeaseConflict(unit: "A-1203", lease: 1, message: "unit A-1203 is held by lease 1 from 2021-03-15 to 2021-12-10")
        #expect(conflict.varlinkError.declared(in: ParkInterfaces.all)?.sentence == conflict.message)
    }
}
