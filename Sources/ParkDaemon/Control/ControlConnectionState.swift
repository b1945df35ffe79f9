import NIOCore
import ParkControl

/// What one admin connection has received and where its calls stand, without any I/O: the
/// connection handler tells it what happened and does what it answers.
///
/// Calls are carried out one at a time, in the order they came. A call that suspends holds
/// back the calls after it and further socket reads until it has finished; so does a call that
/// must wait its turn (a caller without a role calling too fast), and so do replies the peer is
/// not reading (the channel is unwritable: back-pressure, so a client that never reads cannot
/// make parkd buffer without bound). A framing error is answered in turn, after the calls
/// received before the broken message. Once the connection is closing, nothing more is started.
struct ControlConnectionState {
    /// The next thing to carry out for the peer.
    enum NextCall: Equatable {
        case start(ByteBuffer)
        /// Answer the broken stream, then close.
        case refuse(VarlinkFramingError)
    }

    /// Messages received and not yet started.
    private var received = CircularBuffer<ByteBuffer>()
    /// The framing error that ended the stream after the messages in `received`.
    private var framingError: VarlinkFramingError?
    /// A started call suspended: what follows it waits.
    private(set) var isAwaitingReply = false
    /// The next call waits its turn (the caller's call budget); it and what follows wait.
    private(set) var isCallDeferred = false
    /// Replies wait for the peer to read them: nothing more is started or read.
    private(set) var isOutputBlocked = false
    /// A socket read the pipeline asked for while a call was suspended.
    private var isReadHeld = false
    /// Replies written since the last flush.
    private var hasUnflushedReplies = false
    /// The connection is being closed: nothing more it sends is started.
    private(set) var isClosing = false
    /// The peer is still connected, so replies can still be written.
    private(set) var isPeerConnected = true

    /// A message arrived; false when it is dropped because the connection is closing.
    mutating func received(_ message: ByteBuffer) -> Bool {
        guard !isClosing else { return false }
        received.append(message)
        return true
    }

    /// The stream broke after the messages received so far; false when already closing.
    mutating func framingFailed(_ error: VarlinkFramingError) -> Bool {
        guard !isClosing else { return false }
        framingError = error
        return true
    }

    /// Something holds back the next call and further reads.
    private var isHeld: Bool { isAwaitingReply || isCallDeferred || isOutputBlocked }

    /// What to carry out next, or nil while a call is suspended, deferred or its replies are
    /// not read, or nothing is waiting.
    mutating func nextCall() -> NextCall? {
        guard !isHeld, !isClosing else { return nil }
        if let message = received.popFirst() { return .start(message) }
        if let error = framingError {
            framingError = nil
            return .refuse(error)
        }
        return nil
    }

    /// The call just started suspended: nothing behind it starts until `suspendedCallFinished`.
    mutating func callSuspended() {
        isAwaitingReply = true
    }

    /// The suspended call finished: the calls behind it may start.
    mutating func suspendedCallFinished() {
        isAwaitingReply = false
    }

    /// The call `nextCall` just gave must wait its turn: it goes back to the front, and nothing
    /// starts until `deferredCallMayStart`.
    mutating func deferCall(_ message: ByteBuffer) {
        guard !isClosing else { return }
        received.prepend(message)
        isCallDeferred = true
    }

    /// The deferred call's turn has come.
    mutating func deferredCallMayStart() {
        isCallDeferred = false
    }

    /// The channel became writable or unwritable (its buffered replies passed the high or fell
    /// below the low water mark).
    mutating func writabilityChanged(isWritable: Bool) {
        isOutputBlocked = !isWritable
    }

    /// The pipeline asks for a socket read: true to read now, false when it is held back until
    /// nothing holds back the calls.
    mutating func readRequested() -> Bool {
        guard isHeld else { return true }
        isReadHeld = true
        return false
    }

    /// True when a read held back may go ahead now (it is then no longer held).
    mutating func heldReadMayProceed() -> Bool {
        guard isReadHeld, !isHeld else { return false }
        isReadHeld = false
        return true
    }

    /// A reply was written (not yet flushed); false when the peer is gone and it is not written.
    mutating func replyWritten() -> Bool {
        guard isPeerConnected else { return false }
        hasUnflushedReplies = true
        return true
    }

    /// True when replies were written since the last flush (they count as flushed from now).
    mutating func flushNeeded() -> Bool {
        defer { hasUnflushedReplies = false }
        return hasUnflushedReplies
    }

    /// The connection starts closing: what is waiting is dropped; true when the replies written
    /// so far must still be sent before the close (the peer is still there).
    mutating func closeStarted() -> Bool {
        isClosing = true
        received.removeAll()
        framingError = nil
        hasUnflushedReplies = false
        return isPeerConnected
    }

    /// The peer hung up: replies go nowhere from now on.
    mutating func peerDisconnected() {
        isPeerConnected = false
    }
}
