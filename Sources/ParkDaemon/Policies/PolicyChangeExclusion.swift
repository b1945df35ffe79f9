/// Keeps a change of the policies in force and the approval of a run apart: a run approved while
/// a reload checks the approved runs against the files read would be priced under the old
/// policies and missed by the check, and the new policies would then re-price it. Whoever holds
/// it runs alone; the others wait their turn, in order.
actor PolicyChangeExclusion {
    private var held = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Runs `body` alone among the callers of this exclusion.
    func exclusively<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        await acquire()
        do {
            let value = try await body()
            release()
            return value
        } catch {
            release()
            throw error
        }
    }

    private func acquire() async {
        guard held else {
            held = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty { held = false } else { waiting.removeFirst().resume() }
    }
}
