import Foundation
import Logging
import ParkCore
import ServiceLifecycle

/// Runs the park's timers: sleeps until the next elapse (or until the wall clock is set, or a
/// reload), starts what has come due and sleeps again. Between elapses it does not wake up at
/// all. Actions run on Dispatch's worker threads, never on an event loop; at shutdown the runs
/// in progress are waited for.
struct SchedulerService: Service {
    let scheduler: TimerScheduler
    let clockFile: String?
    let logger: Logger

    func run() async throws {
        let watch = try ClockWatch(clockFile: clockFile)
        let scheduler = self.scheduler
        watch.start { event in
            switch event {
            case .wakeUp: scheduler.deliver(.wakeUp)
            case .clockChanged: scheduler.deliver(.clockChanged)
            }
        }
        let workers = WorkerThreads()
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                // Runs missed while parkd was down (persistent timers) are due at once.
                scheduler.deliver(.wakeUp)
                for await event in scheduler.events {
                    if case .clockChanged = event {
                        logger.notice("the wall clock was set; the timers' next elapses are counted again", metadata: NotableEvent.clockSet.metadata([
                            "now": "\(Instant.rfc3339(millisecondsSinceEpoch: scheduler.now / 1_000))",
                        ]))
                    }
                    let (now, decisions) = scheduler.decide(event)
                    for decision in decisions {
                        guard let action = scheduler.action(of: decision.timer) else { continue }
                        do {
                            let run = try await scheduler.record(decision, action: action, now: now)
                            guard case .run = decision else { continue }
                            group.addTask(executorPreference: workers) {
                                _ = await scheduler.execute(run, timer: decision.timer, action: action)
                            }
                        } catch {
                            scheduler.abandon(decision.timer)
                            logger.error("a scheduled job's run was not recorded, so not started", metadata: [
                                "timer": "\(decision.timer)", "error": "\(error)",
                            ])
                        }
                    }
                    watch.arm(at: scheduler.wakeUp, now: scheduler.now)
                }
            }
        } onGracefulShutdown: {
            scheduler.finish()
        }
        watch.stop()
    }
}
