import Foundation
import Testing

@Suite("parkctl demo load")
struct DemoTests {
    @Test("the demo park's figures are the model park's published ones, and it loads only into an empty park")
    func publishedFigures() throws {
        let daemon = try RunningDaemon()
        let demo = SystemdTests.repository.appendingPathComponent("Config/demo").path
        let loaded = try daemon.parkctl(["demo", "load", "--from", demo])
        #expect(loaded.status == 0, "\(loaded.stderr)")
        #expect(loaded.stdout.contains("81 tenants"))

        let year = try daemon.parkctl(["stats", "--year", "2021", "--csv"]).stdout
        for line in ["revenue,5773000000.00", "tax,214000000.00", "newTenants,13", "tenants.active,81",
                     "incubatorProjects,55", "incubatorOccupancyPercent,100.00"] {
            #expect(year.contains("\n\(line)\n"), "\(line)")
        }
        let sinceOpening = try daemon.parkctl(["stats", "--since-opening", "--to", "2021-12-31", "--csv"]).stdout
        for line in ["revenue,16314000000.00", "tax,701000000.00", "employersServed,9720", "workersDispatched,24352",
                     "workersOutsourced,181086", "jobSeekersServed,89061"] {
            #expect(sinceOpening.contains("\n\(line)\n"), "\(line)")
        }
        let again = try daemon.parkctl(["demo", "load", "--from", demo])
        #expect(again.status == 65)
        #expect(again.stderr.contains("the demo loads only into an empty park"))
    }
}
