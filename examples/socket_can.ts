// Python's 18.1.5 CAN example: a raw CAN socket on the virtual interface vcan0 (create it
// with `ip link add dev vcan0 type vcan && ip link set up vcan0`). Python's loop echoes
// every frame forever; this one sends a frame from a second socket, receives it, and
// sends the two replies the example sends, then stops. Without CAN support in the kernel,
// or without vcan0, it says so and exits.
// Run: deno run --allow-ffi examples/socket_can.ts

import { AF_CAN, CAN_RAW, OSError, SOCK_RAW, Socket } from "@ipcnet/std/socket";

// CAN frame packing/unpacking (see 'struct can_frame' in <linux/can.h>): "=IB3x8s"
const canFrameSize = 16;

function buildCanFrame(canId: number, data: Uint8Array): Uint8Array {
  const frame = new Uint8Array(canFrameSize);
  new DataView(frame.buffer).setUint32(0, canId, true);
  frame[4] = data.length;
  frame.set(data.subarray(0, 8), 8);
  return frame;
}

function dissectCanFrame(frame: Uint8Array): [number, number, Uint8Array] {
  const canId = new DataView(frame.buffer, frame.byteOffset).getUint32(0, true);
  const canDlc = frame[4];
  return [canId, canDlc, frame.subarray(8, 8 + canDlc)];
}

if (AF_CAN === undefined || CAN_RAW === undefined) {
  console.log("skipped: this platform has no AF_CAN");
  Deno.exit(0);
}

// create a raw socket and bind it to the 'vcan0' interface
let s: Socket;
let sender: Socket;
try {
  s = new Socket(AF_CAN, SOCK_RAW, CAN_RAW);
  s.bind(["vcan0"]);
  sender = new Socket(AF_CAN, SOCK_RAW, CAN_RAW);
  sender.bind(["vcan0"]);
} catch (err) {
  if (!(err instanceof OSError)) throw err;
  console.log(`skipped: no CAN here (${err.message}); vcan0 and the can module are needed`);
  Deno.exit(0);
}
using sock = s;
using other = sender;
sock.settimeout(5);

await other.send(buildCanFrame(0x123, new Uint8Array([0xde, 0xad])));
const [cf] = await sock.recvfrom(canFrameSize);
const [canId, canDlc, data] = dissectCanFrame(cf);
console.log(`Received: can_id=${canId.toString(16)}, can_dlc=${canDlc.toString(16)}, data=${data}`);
try {
  await sock.send(cf);
} catch {
  console.log("Error sending CAN frame");
}
try {
  await sock.send(buildCanFrame(0x01, new Uint8Array([1, 2, 3])));
} catch {
  console.log("Error sending CAN frame");
}
