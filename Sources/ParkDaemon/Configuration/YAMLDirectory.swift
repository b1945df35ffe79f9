import Foundation
import Glibc
import ParkPolicy

/// A directory of YAML files that parkd reads whole at start and on every reload: the
/// policies, the working-day calendar.
struct YAMLDirectory {
    let path: String
    /// What it is called in messages, such as "policy directory".
    let name: String

    /// The path is not a directory, or it cannot be listed; or a file of it cannot be read.
    struct Unreadable: Error {
        let message: String
    }

    /// The paths of its `*.yaml` and `*.yml` files in name order; none when it does not exist.
    func files() throws(Unreadable) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue else { throw Unreadable(message: "is not a directory") }
        do {
            return try FileManager.default.contentsOfDirectory(atPath: path)
                .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
                .map { (path as NSString).appendingPathComponent($0) }
        } catch {
            throw Unreadable(message: "cannot list: \(error.localizedDescription)")
        }
    }

    /// The text of one YAML file parkd is handed, refused with the reason: a directory, a
    /// symbolic link to a missing file or one that loops, a file larger than
    /// `YAMLInput.maximumBytes` (checked before it is read), or bytes that are not UTF-8.
    static func text(ofFile path: String) throws(Unreadable) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let code = errno
            var link = stat()
            if code == ENOENT && lstat(path, &link) == 0 && (link.st_mode & S_IFMT) == S_IFLNK {
                throw Unreadable(message: "is a symbolic link to a missing file")
            }
            if code == ELOOP { throw Unreadable(message: "is a symbolic link that loops") }
            throw Unreadable(message: "cannot be read: \(String(cString: strerror(code)))")
        }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw Unreadable(message: "is a directory") }
        if let refusal = YAMLInput.sizeRefusal(bytes: Int(info.st_size)) { throw Unreadable(message: refusal.message) }
        guard let data = FileManager.default.contents(atPath: path) else { throw Unreadable(message: "cannot be read") }
        guard let text = String(data: data, encoding: .utf8) else { throw Unreadable(message: "cannot be read as UTF-8 text") }
        return text
    }

    /// Why a directory read without errors gave nothing.
    var emptiness: String {
        FileManager.default.fileExists(atPath: path)
            ? "the \(name) \(path) holds no *.yaml or *.yml file"
            : "the \(name) \(path) does not exist"
    }
}
