import Foundation

/// A file the administrator names on the command line. One that is missing or unreadable exits
/// 66 (EX_NOINPUT), not 1, which means "a check failed".
enum InputFile {
    static func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = access(path, R_OK) == 0 ? "it is a directory or cannot be read" : String(cString: strerror(errno))
            throw CommandFailure.cannotRead(path, reason)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CommandFailure.cannotRead(path, "it is not UTF-8 text", exitCode: CommandFailure.invalidInput)
        }
        // parkd stores no U+0000 and would refuse the whole text without saying where.
        if let nul = data.firstIndex(of: 0) {
            throw CommandFailure.cannotRead(path, "it holds a NUL byte (at byte \(nul - data.startIndex + 1)); text files have none", exitCode: CommandFailure.invalidInput)
        }
        return text
    }
}
