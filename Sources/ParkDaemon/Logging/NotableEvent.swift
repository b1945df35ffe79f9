import Logging

/// The notable things parkd logs, each with a stable journal MESSAGE_ID so that operators can
/// find them (`journalctl MESSAGE_ID=…`) whatever the message's wording becomes.
public struct NotableEvent: Sendable {
    public let messageID: String

    public static let started = NotableEvent(messageID: "8fb127b7c312423abf58ad4c517b9cee")
    public static let stopping = NotableEvent(messageID: "276502f2ed0a4b39a2b38fb5e4baecdb")
    public static let reloaded = NotableEvent(messageID: "356091110b724b0c9cc7ff2c3653a5ca")
    public static let reloadRejected = NotableEvent(messageID: "8af82e0531cc4594a6ffc903360ed0ee")
    public static let requestRefused = NotableEvent(messageID: "e7c0b7cf966b4fb4bf817254ebfc7664")
    public static let protocolError = NotableEvent(messageID: "1a7b9c598f1643e6ade77319c1660543")
    public static let requestFailed = NotableEvent(messageID: "b35805064449480592c9b7b1c7790498")
    public static let storageRefused = NotableEvent(messageID: "8e7a737e5cc54b28ac32d13b72d3a90a")
    public static let groupMissing = NotableEvent(messageID: "d82f254014714b7b9a4845ca751146af")
    public static let watchdogUnhealthy = NotableEvent(messageID: "e6774f5f6ee9433d9eb7049956752299")
    public static let logLevelChanged = NotableEvent(messageID: "1ccf224963e74600919fcf06fef06444")
    public static let databaseUpgrade = NotableEvent(messageID: "38b0fad2bc084a639337d8c80971a011")
    public static let policiesLoaded = NotableEvent(messageID: "c4c96538b7f64e51a16cb7c8995f7df7")
    public static let policiesRejected = NotableEvent(messageID: "60c7574c080e48639439ddd0f63c4a86")
    public static let calendarLoaded = NotableEvent(messageID: "320423458ac8475baf81c00ffc1c824a")
    public static let calendarRejected = NotableEvent(messageID: "b7d38b18be664b13b9902a8c26bd08c5")
    public static let calendarEndsSoon = NotableEvent(messageID: "aae88e0eca874358a5d3a8e68c8e3030")
    public static let rewardRunCreated = NotableEvent(messageID: "7a3877f3fa9249e588805f7373ebc919")
    public static let rewardRunApproved = NotableEvent(messageID: "229fe8d1e4e44292900f61ac40e238f6")
    public static let applicationReceived = NotableEvent(messageID: "c32acc0038824315bbb494f6161f6e03")
    public static let cannotRun = NotableEvent(messageID: "de0d43894ca2431cb97990afc35b5eea")
    public static let databaseGone = NotableEvent(messageID: "166dd8ddeb314d5695a096e7613ffbdb")
    public static let auditHead = NotableEvent(messageID: "6ae3428798174e8bb54d33c132fbc962")
    public static let timerRunEnded = NotableEvent(messageID: "6f853f70c0d643bc893e9ad18f0f53e0")
    public static let timerRunSkipped = NotableEvent(messageID: "4c92611a3ad64f81824afb119329447b")
    public static let clockSet = NotableEvent(messageID: "8e1d0014e7cc4619b1de3589b1cf4e85")
    public static let databaseDamaged = NotableEvent(messageID: "cd4080bc5ac1410689d298c207ff6b7a")

    /// The metadata key the journal handler turns into MESSAGE_ID.
    static let metadataKey = "messageID"

    /// Metadata for a log call: the event's id plus the call's own fields.
    public func metadata(_ fields: Logger.Metadata = [:]) -> Logger.Metadata {
        fields.merging([NotableEvent.metadataKey: .string(messageID)]) { _, id in id }
    }
}
