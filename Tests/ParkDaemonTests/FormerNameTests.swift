import ParkControl
@testable import ParkDaemon
import Testing

/// Methods renamed for the wire convention (verbs Create, List, Get, Update, named actions)
/// still answer their former names for one release, so that scripts calling them keep working.
@Suite("Former method names")
struct FormerNameTests {
    @Test("a former name is answered as the method's name is", arguments: [
        ("io.parkd.Incubator.Add", "io.parkd.Incubator.Create",
         #"{"name":"智聘云","founder":"李明","seats":[9],"enteredOn":"2021-03-01"}"#),
        ("io.parkd.Report.Submit", "io.parkd.Report.Create", #"{"tenant":"9","month":"2021-06","revenue":"1.00","tax":"0"}"#),
        ("io.parkd.Reward.Show", "io.parkd.Reward.Get", #"{"run":9}"#),
    ])
    func answered(former: String, name: String, parameters: String) async throws {
        let harness = try DispatcherHarness()
        defer { harness.cleanUp() }
        let byFormerName = try #require(await harness.call(former, parameters))
        let byName = try #require(await harness.call(name, parameters))
        #expect(byFormerName.error != nil && byFormerName.error != VarlinkError.methodNotFound(former).name, "\(byFormerName)")
        #expect(byFormerName.error == byName.error)
        #expect(byFormerName.parameters == byName.parameters)
    }

    @Test("a call by a former name changes the park, is recorded under the name called, and Audit.List finds it by either name")
    func audited() async throws {
        let harness = try DispatcherHarness()
        defer { harness.cleanUp() }
        let seats = #"{"building":"B","number":"101","area":"30","kind":"incubator","listRent":"20.00"}"#
        #expect(await harness.call("io.parkd.Unit.Create", seats)?.error == nil)
        let project = #"{"name":"智聘云","founder":"李明","seats":[1],"enteredOn":"2021-03-01"}"#
        let added = try #require(await harness.call("io.parkd.Incubator.Add", project))
        #expect(added.error == nil, "\(added)")
        #expect(added.parameters?["project"]?["name"] == .string("智聘云"))
        let graduated = await harness.call("io.parkd.Incubator.Graduate", #"{"project":1,"on":"2022-03-01"}"#)
        #expect(graduated?.error == nil)
        let next = #"{"name":"职引","founder":"王芳","seats":[1],"enteredOn":"2022-03-01"}"#
        let created = await harness.call("io.parkd.Incubator.Create", next)
        #expect(created?.error == nil, "\(String(describing: created))")

        for asked in ["Incubator.Add", "io.parkd.Incubator.Add", "Incubator.Create", "io.parkd.Incubator.Create"] {
            let listed = try #require(await harness.call("io.parkd.Audit.List", #"{"method":"\#(asked)"}"#))
            guard case .array(let entries)? = listed.parameters?["entries"] else {
                Issue.record("\(asked): \(listed)")
                continue
            }
            #expect(entries.map { $0["method"] } == [.string("io.parkd.Incubator.Create"), .string("io.parkd.Incubator.Add")], "\(asked)")
        }
    }
}
