import NIOCore
import ParkControl
@testable import ParkDaemon
import Testing

/// The admin connection's bookkeeping, driven event by event with no socket.
@Suite("An admin connection's calls, reads and replies")
struct ControlConnectionStateTests {
    static func message(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }

    @Test("pipelined messages start in the order they came, one at a time")
    func pipelinedInOrder() {
        var state = ControlConnectionState()
        let result1 = state.received(Self.message("a"))
        #expect(result1)
        let result2 = state.received(Self.message("b"))
        #expect(result2)
        let result3 = state.nextCall()
        #expect(result3 == .start(Self.message("a")))
        let result4 = state.nextCall()
        #expect(result4 == .start(Self.message("b")))
        let result5 = state.nextCall()
        #expect(result5 == nil)
    }

    @Test("a suspended call holds back the calls behind it and the socket reads until it finishes")
    func suspendedCallHoldsBack() {
        var state = ControlConnectionState()
        _ = state.received(Self.message("write"))
        _ = state.received(Self.message("read"))
        let result6 = state.nextCall()
        #expect(result6 == .start(Self.message("write")))
        state.callSuspended()
        let result7 = state.nextCall()
        #expect(result7 == nil)
        let result8 = state.readRequested()
        #expect(result8 == false)
        let result9 = state.heldReadMayProceed()
        #expect(result9 == false)

        state.suspendedCallFinished()
        let result10 = state.nextCall()
        #expect(result10 == .start(Self.message("read")))
        let result11 = state.heldReadMayProceed()
        #expect(result11 == true)
        let result12 = state.heldReadMayProceed()
        #expect(result12 == false, "a held read goes ahead once")
        let result13 = state.readRequested()
        #expect(result13 == true)
    }

    @Test("a broken stream is answered after the calls received before it, then nothing more starts")
    func framingErrorInTurn() {
        var state = ControlConnectionState()
        _ = state.received(Self.message("a"))
        let result14 = state.framingFailed(.messageTooLarge(limit: 8))
        #expect(result14)
        let result15 = state.nextCall()
        #expect(result15 == .start(Self.message("a")))
        let result16 = state.nextCall()
        #expect(result16 == .refuse(.messageTooLarge(limit: 8)))
        let result17 = state.closeStarted()
        #expect(result17)
        let result18 = state.received(Self.message("late"))
        #expect(result18 == false)
        let result19 = state.framingFailed(.truncatedMessage(bytes: 3))
        #expect(result19 == false)
        let result20 = state.nextCall()
        #expect(result20 == nil)
    }

    @Test("closing drops what was received and not started")
    func closingDropsWaitingCalls() {
        var state = ControlConnectionState()
        _ = state.received(Self.message("a"))
        _ = state.received(Self.message("b"))
        let result21 = state.nextCall()
        #expect(result21 == .start(Self.message("a")))
        let result22 = state.closeStarted()
        #expect(result22)
        #expect(state.isClosing)
        let result23 = state.nextCall()
        #expect(result23 == nil)
    }

    @Test("replies are flushed once per batch, and none is written after the peer hung up")
    func flushing() {
        var state = ControlConnectionState()
        let result24 = state.flushNeeded()
        #expect(result24 == false)
        let result25 = state.replyWritten()
        #expect(result25)
        let result26 = state.replyWritten()
        #expect(result26)
        let result27 = state.flushNeeded()
        #expect(result27 == true)
        let result28 = state.flushNeeded()
        #expect(result28 == false)
        state.peerDisconnected()
        let result29 = state.replyWritten()
        #expect(result29 == false)
        let result30 = state.flushNeeded()
        #expect(result30 == false)
        let result31 = state.closeStarted()
        #expect(result31 == false, "nothing to send before closing a connection the peer closed")
    }

    @Test("a deferred call goes back to the front and holds back the calls and reads until its turn")
    func deferredCall() {
        var state = ControlConnectionState()
        _ = state.received(Self.message("a"))
        _ = state.received(Self.message("b"))
        let first = state.nextCall()
        #expect(first == .start(Self.message("a")))
        state.deferCall(Self.message("a"))
        let held = state.nextCall()
        #expect(held == nil)
        let read = state.readRequested()
        #expect(!read)
        state.deferredCallMayStart()
        let proceeds = state.heldReadMayProceed()
        #expect(proceeds)
        let again = state.nextCall()
        #expect(again == .start(Self.message("a")))
        let next = state.nextCall()
        #expect(next == .start(Self.message("b")))
    }

    @Test("replies the peer does not read hold back the calls and reads until the channel is writable again")
    func unreadReplies() {
        var state = ControlConnectionState()
        _ = state.received(Self.message("a"))
        state.writabilityChanged(isWritable: false)
        let blocked = state.nextCall()
        #expect(blocked == nil)
        let read = state.readRequested()
        #expect(!read)
        let notYet = state.heldReadMayProceed()
        #expect(!notYet)
        state.writabilityChanged(isWritable: true)
        let proceeds = state.heldReadMayProceed()
        #expect(proceeds)
        let started = state.nextCall()
        #expect(started == .start(Self.message("a")))
    }
}
