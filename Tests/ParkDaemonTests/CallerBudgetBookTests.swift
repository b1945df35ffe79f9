@testable import ParkDaemon
import ParkControl
import Synchronization
import Testing

@Suite("What each caller may take: the budget book")
struct CallerBudgetBookTests {
    var limits: CallerLimits {
        var limits = CallerLimits()
        limits.connectionsPerUser = 3
        limits.reservedForAdmins = 2
        limits.callsPerSecondWithoutRole = 10
        limits.refusedCallsAuditedPerMinute = 4
        return limits
    }

    @Test("a user gets connections up to its limit; the first refusal begins one episode, a release ends it")
    func perUser() {
        var book = CallerBudgetBook()
        for _ in 0..<3 { #expect(book.admit(uid: 7, privileged: false, maxConnections: 100, limits: limits).0 == nil) }
        let (refusal, began) = book.admit(uid: 7, privileged: false, maxConnections: 100, limits: limits)
        #expect(refusal == .perUser(limit: 3))
        #expect(began == [.init(uid: 7, budget: .connections, began: true)])
        // Refused again: no second "began".
        #expect(book.admit(uid: 7, privileged: false, maxConnections: 100, limits: limits).1.isEmpty)
        #expect(book.admit(uid: 8, privileged: false, maxConnections: 100, limits: limits).0 == nil)
        #expect(book.release(uid: 7, privileged: false) == [.init(uid: 7, budget: .connections, began: false)])
        #expect(book.admit(uid: 7, privileged: false, maxConnections: 100, limits: limits).0 == nil)
        #expect(book.connectionsRefused == 2)
    }

    @Test("root and admins are not counted and always find the connections kept for them")
    func reserved() {
        var book = CallerBudgetBook()
        for uid in UInt32(1)...3 { #expect(book.admit(uid: uid, privileged: false, maxConnections: 5, limits: limits).0 == nil) }
        #expect(book.admit(uid: 4, privileged: false, maxConnections: 5, limits: limits).0 == .reservedForAdmins(available: 3))
        for _ in 0..<10 { #expect(book.admit(uid: 0, privileged: true, maxConnections: 5, limits: limits).0 == nil) }
        #expect(book.unprivilegedConnections == 3)
        #expect(book.uidsOverBudget == [4])
        // Any connection of the share closing ends the episode of every caller it refused, at once,
        // whether or not they come back.
        #expect(book.release(uid: 2, privileged: false) == [.init(uid: 4, budget: .sharedConnections, began: false)])
        #expect(book.uidsOverBudget.isEmpty)
        #expect(book.admit(uid: 4, privileged: false, maxConnections: 5, limits: limits).0 == nil)
    }

    @Test("calls without a role: a burst of twice the rate, then each waits its turn")
    func callRate() {
        var book = CallerBudgetBook()
        for _ in 0..<20 { #expect(book.startCall(uid: 9, at: 100, limits: limits).wait == nil) }
        let (wait, began) = book.startCall(uid: 9, at: 100, limits: limits)
        #expect(wait == 0.1)
        #expect(began?.budget == .calls)
        #expect(book.startCall(uid: 9, at: 100.1, limits: limits).wait == nil)
        // Another user has its own bucket.
        #expect(book.startCall(uid: 10, at: 100.1, limits: limits).wait == nil)
        #expect(book.callsDelayed == 1)
        #expect(book.uidsOverBudget == [9])
    }

    @Test("refused calls past the audit budget are left out and counted in the next entry recorded")
    func refusedAudits() {
        var book = CallerBudgetBook()
        for _ in 0..<4 { #expect(book.refusedCall(uid: 9, at: 0, limits: limits, audited: true).0 == .record(omittedFromLog: 0, omittedFromTrail: 0)) }
        #expect(book.refusedCall(uid: 9, at: 1, limits: limits, audited: true).0 == .omit)
        #expect(book.refusedCall(uid: 9, at: 2, limits: limits, audited: true).0 == .omit)
        // 4 a minute: one more after 15 seconds, which counts the two left out.
        let (audit, ended) = book.refusedCall(uid: 9, at: 15.1, limits: limits, audited: true)
        #expect(audit == .record(omittedFromLog: 2, omittedFromTrail: 2))
        #expect(ended == .init(uid: 9, budget: .refusedAudits, began: false))
        #expect(book.refusedCallsNotAudited == 2)
    }

    @Test("a refusal the trail does not record (a read, a malformed message) logs the count of those left out, and the next audited one still gives it to the trail")
    func countKeptForTheTrail() {
        var book = CallerBudgetBook()
        for _ in 0..<4 { _ = book.refusedCall(uid: 9, at: 0, limits: limits, audited: true) }
        for _ in 0..<3 { #expect(book.refusedCall(uid: 9, at: 1, limits: limits, audited: true).0 == .omit) }
        #expect(book.refusedCall(uid: 9, at: 61, limits: limits, audited: false).0 == .record(omittedFromLog: 3, omittedFromTrail: 0))
        #expect(book.refusedCall(uid: 9, at: 62, limits: limits, audited: true).0 == .record(omittedFromLog: 0, omittedFromTrail: 3))
        #expect(book.refusedCall(uid: 9, at: 63, limits: limits, audited: true).0 == .record(omittedFromLog: 0, omittedFromTrail: 0))
    }

    @Test("idle callers are forgotten, so the book stays small however many uids call")
    func forgetsIdle() {
        var book = CallerBudgetBook()
        for uid in UInt32(1000)..<3000 { _ = book.startCall(uid: uid, at: 0, limits: limits) }
        #expect(book.forgetIdle(at: 10).isEmpty, "none was over its budget")
        // A forgotten caller starts again with a full bucket.
        for _ in 0..<20 { #expect(book.startCall(uid: 1000, at: 10, limits: limits).wait == nil) }
    }

    @Test("a caller over a budget that goes quiet (it left) is over it no longer once its bucket would be full: the episode ends")
    func quietCallerEndsItsEpisodes() {
        var book = CallerBudgetBook()
        while book.startCall(uid: 7, at: 0, limits: limits).wait == nil {}
        for _ in 0..<5 { _ = book.refusedCall(uid: 8, at: 0, limits: limits, audited: true) }
        #expect(book.uidsOverBudget == [7, 8])
        #expect(book.forgetIdle(at: 1).isEmpty)
        #expect(book.forgetIdle(at: 3) == [.init(uid: 7, budget: .calls, began: false)])
        #expect(book.uidsOverBudget == [8])
        #expect(book.forgetIdle(at: 61) == [.init(uid: 8, budget: .refusedAudits, began: false)])
        #expect(book.uidsOverBudget.isEmpty)
        // The refusals left out are still counted in the uid's next entry.
        #expect(book.refusedCall(uid: 8, at: 62, limits: limits, audited: true).0 == .record(omittedFromLog: 1, omittedFromTrail: 1))
    }
}

@Suite("A computation's time budget")
struct TimeBudgetTests {
    @Test("work within its budget returns its result; work past it is answered at once and cancelled")
    func budget() async throws {
        #expect(try await TimeBudget.run(seconds: 5, method: "m") { 42 } == 42)
        let cancelled = Mutex(false)
        await #expect(throws: ServiceAPI.ComputeTimeExceeded(method: "io.parkd.Policy.Simulate", seconds: 1)) {
            try await TimeBudget.run(seconds: 1, method: "io.parkd.Policy.Simulate") {
                do {
                    try await Task.sleep(for: .seconds(30))
                } catch {
                    cancelled.withLock { $0 = true }
                    throw error
                }
                return 0
            }
        }
        #expect(cancelled.withLock { $0 })
    }

    @Test("work that never looks at its cancellation is answered at its budget all the same, not when it ends", .timeLimit(.minutes(1)))
    func answeredWhateverTheWorkDoes() async throws {
        // The work waits for a release that comes only after the caller was answered.
        let release = Mutex<CheckedContinuation<Void, Never>?>(nil)
        await #expect(throws: ServiceAPI.ComputeTimeExceeded(method: "io.parkd.Policy.Test", seconds: 1)) {
            try await TimeBudget.run(seconds: 1, method: "io.parkd.Policy.Test") {
                await withCheckedContinuation { continuation in release.withLock { $0 = continuation } }
                return 0
            }
        }
        while release.withLock({ $0 == nil }) { try await Task.sleep(for: .milliseconds(10)) }
        release.withLock { $0?.resume() }
    }
}
