import Foundation
import ParkCore
import ParkStore

/// A database file in its own temporary directory, removed at the end of the test.
func withTemporaryDirectory<T>(_ body: (String) async throws -> T) async throws -> T {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parkd-store-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    return try await body(directory)
}

let testCall = AuditedCall(uid: 1000, user: "operator", pid: 4242, method: "io.parkd.Tenant.Create", parameters: "{}")

func context(_ method: String = "io.parkd.Tenant.Create", at: String = "2026-11-29T08:00:00.000Z") -> ChangeContext {
    var call = testCall
    call.method = method
    return ChangeContext(call: call, at: at, outcome: { "failed: \($0)" })
}

/// A valid credit code that differs for every serial.
func creditCode(_ serial: Int) -> String {
    let digits = String(serial)
    return CreditCode.completing("9137020" + String(repeating: "0", count: 10 - digits.count) + digits)!
}

func applicant(_ serial: Int, lines: [String] = ["recruitment"]) throws -> Tenant {
    try Tenant(
        name: "青岛人力资源公司\(serial)", creditCode: creditCode(serial), businessLines: lines,
        appliedOn: CivilDate(year: 2021, month: 1, day: 4)!, today: CivilDate(year: 2030, month: 1, day: 1)!)
}
