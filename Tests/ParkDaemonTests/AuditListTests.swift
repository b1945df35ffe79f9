import Foundation
import ParkControl
@testable import ParkDaemon
import Testing

@Suite("Audit.List by method")
struct AuditListTests {
    @Test("a method name the trail never records is refused, naming the field and why", arguments: [
        "Nope.Thing", "io.parkd.Nope.Thing", "Tenant.List", "org.varlink.service.GetInfo", "",
    ])
    func refused(_ method: String) async throws {
        let harness = try DispatcherHarness()
        defer { harness.cleanUp() }
        let reply = try #require(await harness.call("io.parkd.Audit.List", #"{"method":"\#(method)"}"#))
        #expect(reply.error == ServiceAPI.InvalidField.name)
        #expect(reply.parameters?["field"] == .string("method"))
        #expect(reply.parameters?["reason"]?.stringValue?.hasPrefix("'\(method)' is not a method the audit trail records") == true)
    }

    @Test("every method that changes the park is accepted, with or without io.parkd.")
    func accepted() async throws {
        let harness = try DispatcherHarness()
        defer { harness.cleanUp() }
        let created = await harness.call("io.parkd.Tenant.Create", DispatcherTests.createFirm)
        #expect(created?.error == nil)
        for method in ["Tenant.Create", "io.parkd.Tenant.Create"] {
            let reply = await harness.call("io.parkd.Audit.List", #"{"method":"\#(method)"}"#)
            guard case .array(let entries)? = reply?.parameters?["entries"] else {
                Issue.record("\(method): \(String(describing: reply))")
                continue
            }
            #expect(entries.count == 1, "\(method)")
        }
        let audited = harness.dispatcher.table.auditedMethods.keys
        #expect(audited.contains("io.parkd.Reward.Approve") && audited.contains("io.parkd.Demo.Load"), "registered before Audit's handlers")
        for method in audited.sorted() + ["io.parkd.Policy.Load", "Policy.Load"] {
            let reply = await harness.call("io.parkd.Audit.List", #"{"method":"\#(method)"}"#)
            #expect(reply?.error == nil, "\(method)")
        }
    }
}
