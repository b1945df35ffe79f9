import ArgumentParser
import Foundation

/// Ctrl-C while parkd works on a request: the request has left, and parkd carries it out
/// whether or not parkctl waits. Leaving at once would hide whether it was done, so the first
/// Ctrl-C says so and keeps waiting for the answer (which the command then prints as usual);
/// a second one leaves, saying how to find out.
enum InterruptedRequest {
    nonisolated(unsafe) private static var source: (any DispatchSourceSignal)?
    nonisolated(unsafe) private static var interrupts = 0

    /// Takes over SIGINT for the rest of the process's life (parkctl makes one request at a time).
    /// With `json` (`--json`), stderr holds only the failure's JSON object: the first Ctrl-C
    /// says nothing, the second leaves with `parkctl.Interrupted`.
    static func install(json: Bool) {
        guard source == nil else { return }
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler {
            interrupts += 1
            if interrupts == 1 {
                guard !json else { return }
                StandardStream.error.write("""
                    parkctl: interrupted; the request was sent and parkd carries it out: waiting for its answer \
                    (Ctrl-C again to leave without it)\n
                    """)
            } else {
                let message = "left without parkd's answer; the request may have been carried out: `parkctl audit list --limit 5` shows what parkd did"
                if json {
                    StandardStream.error.write(CommandFailure(name: "Interrupted", message: message, exitCode: ExitCode(130)).json(message: message))
                } else {
                    StandardStream.error.write("parkctl: \(message)\n")
                }
                exit(130)
            }
        }
        source.resume()
        Self.source = source
    }
}
