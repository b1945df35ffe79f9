import InterfaceTestSupport
import ParkControl
@testable import ParkDaemon
import Testing

@Suite("The method table")
struct MethodTableTests {
    @Test("every interface is served, and every method it declares is answered under its name and former names, with its access")
    func answersEveryDeclaredMethod() throws {
        let harness = try DispatcherHarness()
        defer { harness.cleanUp() }
        let table = harness.dispatcher.table
        #expect(table.interfaces.map(\.name).sorted() == ParkInterfaces.all.map(\.name).sorted())
        var declared: Set<String> = []
        for method in table.interfaces.flatMap(\.methods) {
            let names = Set([method.name] + method.formerNames)
            declared.formUnion(names)
            for name in names {
                let entry = try #require(table.entries[name], "\(name) has no handler")
                #expect(entry.access == method.access, "\(name)")
                #expect(entry.names == names, "\(name)")
            }
        }
        #expect(Set(table.entries.keys) == declared, "handlers for methods no interface declares")
    }
}
