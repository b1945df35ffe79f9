import Foundation

/// A file the administrator names on the command line. One that is missing or unreadable exits
/// 66 (EX_NOINPUT), not 1, which means "a check failed".
enum InputFile {
    /// Read to its end through a descriptor, so that a pipe (`/dev/stdin`, `<(…)`) is read too.
    static func read(_ path: String) throws -> String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw CommandFailure.cannotRead(path, "it is a directory")
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw CommandFailure.cannotRead(path, String(cString: strerror(errno))) }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        let data: Data
        do {
            data = try handle.readToEnd() ?? Data()
        } catch {
            throw CommandFailure.cannotRead(path, error.localizedDescription)
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
