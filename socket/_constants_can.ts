// The socket module's Controller Area Network constants (`AF_CAN`): CAN_RAW,
// CAN_BCM, ISO-TP and SAE J1939, re-exported by `constants.ts`.
// Each has the running platform's value, as CPython 3.11 has it there; a constant that Python
// lacks on the running platform is `undefined` and typed `number | undefined`, and its JSDoc
// says which platform has it. Values: `_ffi/constants_linux.ts`, `_ffi/constants_darwin.ts`.

import { only } from "./_constants_table.ts";

// CAN protocols, levels and ids
/** Base of the CAN protocols' option levels (Linux only). */
export const SOL_CAN_BASE: number | undefined = only("SOL_CAN_BASE");
/** Option level: CAN raw sockets (Linux only). */
export const SOL_CAN_RAW: number | undefined = only("SOL_CAN_RAW");
/** CAN protocol: raw frames (Linux only). */
export const CAN_RAW: number | undefined = only("CAN_RAW");
/** CAN protocol: the broadcast manager (Linux only). */
export const CAN_BCM: number | undefined = only("CAN_BCM");
/** CAN protocol: ISO 15765-2 transport (ISO-TP) (Linux only). */
export const CAN_ISOTP: number | undefined = only("CAN_ISOTP");
/** CAN protocol: SAE J1939 (Linux only). */
export const CAN_J1939: number | undefined = only("CAN_J1939");
/** CAN id flag: extended frame format (29-bit id) (Linux only). */
export const CAN_EFF_FLAG: number | undefined = only("CAN_EFF_FLAG");
/** CAN id flag: remote transmission request (Linux only). */
export const CAN_RTR_FLAG: number | undefined = only("CAN_RTR_FLAG");
/** CAN id flag: error message frame (Linux only). */
export const CAN_ERR_FLAG: number | undefined = only("CAN_ERR_FLAG");
/** CAN id mask: standard frame format (11 bits) (Linux only). */
export const CAN_SFF_MASK: number | undefined = only("CAN_SFF_MASK");
/** CAN id mask: extended frame format (29 bits) (Linux only). */
export const CAN_EFF_MASK: number | undefined = only("CAN_EFF_MASK");
/** CAN id mask: the error class bits (Linux only). */
export const CAN_ERR_MASK: number | undefined = only("CAN_ERR_MASK");

// CAN_RAW options
/** CAN raw option: receive filters (`struct can_filter[]`) (Linux only). */
export const CAN_RAW_FILTER: number | undefined = only("CAN_RAW_FILTER");
/** CAN raw option: loop sent frames back to local sockets (Linux only). */
export const CAN_RAW_LOOPBACK: number | undefined = only("CAN_RAW_LOOPBACK");
/** CAN raw option: receive this socket's own sent frames (Linux only). */
export const CAN_RAW_RECV_OWN_MSGS: number | undefined = only("CAN_RAW_RECV_OWN_MSGS");
/** CAN raw option: allow CAN FD frames (Linux only). */
export const CAN_RAW_FD_FRAMES: number | undefined = only("CAN_RAW_FD_FRAMES");
/** CAN raw option: a frame must match all filters, not any (Linux only). */
export const CAN_RAW_JOIN_FILTERS: number | undefined = only("CAN_RAW_JOIN_FILTERS");

// CAN_BCM opcodes and flags
/** CAN BCM opcode: create or update a cyclic transmission task (Linux only). */
export const CAN_BCM_TX_SETUP: number | undefined = only("CAN_BCM_TX_SETUP");
/** CAN BCM opcode: remove a transmission task (Linux only). */
export const CAN_BCM_TX_DELETE: number | undefined = only("CAN_BCM_TX_DELETE");
/** CAN BCM opcode: read the properties of a transmission task (Linux only). */
export const CAN_BCM_TX_READ: number | undefined = only("CAN_BCM_TX_READ");
/** CAN BCM opcode: send one frame (Linux only). */
export const CAN_BCM_TX_SEND: number | undefined = only("CAN_BCM_TX_SEND");
/** CAN BCM opcode: create or update a receive filter task (Linux only). */
export const CAN_BCM_RX_SETUP: number | undefined = only("CAN_BCM_RX_SETUP");
/** CAN BCM opcode: remove a receive filter task (Linux only). */
export const CAN_BCM_RX_DELETE: number | undefined = only("CAN_BCM_RX_DELETE");
/** CAN BCM opcode: read the properties of a receive filter task (Linux only). */
export const CAN_BCM_RX_READ: number | undefined = only("CAN_BCM_RX_READ");
/** CAN BCM reply: the properties of a transmission task (Linux only). */
export const CAN_BCM_TX_STATUS: number | undefined = only("CAN_BCM_TX_STATUS");
/** CAN BCM notice: a counted transmission has finished (Linux only). */
export const CAN_BCM_TX_EXPIRED: number | undefined = only("CAN_BCM_TX_EXPIRED");
/** CAN BCM reply: the properties of a receive filter task (Linux only). */
export const CAN_BCM_RX_STATUS: number | undefined = only("CAN_BCM_RX_STATUS");
/** CAN BCM notice: a cyclic frame was not received in time (Linux only). */
export const CAN_BCM_RX_TIMEOUT: number | undefined = only("CAN_BCM_RX_TIMEOUT");
/** CAN BCM notice: a received frame has changed (Linux only). */
export const CAN_BCM_RX_CHANGED: number | undefined = only("CAN_BCM_RX_CHANGED");
/** CAN BCM flag: set the task's interval timers (Linux only). */
export const CAN_BCM_SETTIMER: number | undefined = only("CAN_BCM_SETTIMER");
/** CAN BCM flag: start the timer (Linux only). */
export const CAN_BCM_STARTTIMER: number | undefined = only("CAN_BCM_STARTTIMER");
/** CAN BCM flag: notify when the counted transmissions end (Linux only). */
export const CAN_BCM_TX_COUNTEVT: number | undefined = only("CAN_BCM_TX_COUNTEVT");
/** CAN BCM flag: send a changed frame at once (Linux only). */
export const CAN_BCM_TX_ANNOUNCE: number | undefined = only("CAN_BCM_TX_ANNOUNCE");
/** CAN BCM flag: copy the task's CAN id into its frames (Linux only). */
export const CAN_BCM_TX_CP_CAN_ID: number | undefined = only("CAN_BCM_TX_CP_CAN_ID");
/** CAN BCM flag: filter by CAN id only, not by content (Linux only). */
export const CAN_BCM_RX_FILTER_ID: number | undefined = only("CAN_BCM_RX_FILTER_ID");
/** CAN BCM flag: a change of data length counts as a change (Linux only). */
export const CAN_BCM_RX_CHECK_DLC: number | undefined = only("CAN_BCM_RX_CHECK_DLC");
/** CAN BCM flag: do not restart the timeout monitor (Linux only). */
export const CAN_BCM_RX_NO_AUTOTIMER: number | undefined = only("CAN_BCM_RX_NO_AUTOTIMER");
/** CAN BCM flag: announce the first frame after a timeout (Linux only). */
export const CAN_BCM_RX_ANNOUNCE_RESUME: number | undefined = only("CAN_BCM_RX_ANNOUNCE_RESUME");
/** CAN BCM flag: restart a multi-frame task at its first frame (Linux only). */
export const CAN_BCM_TX_RESET_MULTI_IDX: number | undefined = only("CAN_BCM_TX_RESET_MULTI_IDX");
/** CAN BCM flag: answer remote requests with the frame given (Linux only). */
export const CAN_BCM_RX_RTR_FRAME: number | undefined = only("CAN_BCM_RX_RTR_FRAME");
/** CAN BCM flag: the task's frames are CAN FD frames (Linux only). */
export const CAN_BCM_CAN_FD_FRAME: number | undefined = only("CAN_BCM_CAN_FD_FRAME");

// SAE J1939
/** J1939: the largest unicast address (Linux only). */
export const J1939_MAX_UNICAST_ADDR: number | undefined = only("J1939_MAX_UNICAST_ADDR");
/** J1939: the address of a node that has none yet (Linux only). */
export const J1939_IDLE_ADDR: number | undefined = only("J1939_IDLE_ADDR");
/** J1939: "no address", which is the broadcast address (Linux only). */
export const J1939_NO_ADDR: number | undefined = only("J1939_NO_ADDR");
/** J1939: "no NAME" (Linux only). */
export const J1939_NO_NAME: number | undefined = only("J1939_NO_NAME");
/** J1939 parameter group number: request (Linux only). */
export const J1939_PGN_REQUEST: number | undefined = only("J1939_PGN_REQUEST");
/** J1939 parameter group number: address claimed (Linux only). */
export const J1939_PGN_ADDRESS_CLAIMED: number | undefined = only("J1939_PGN_ADDRESS_CLAIMED");
/** J1939 parameter group number: commanded address (Linux only). */
export const J1939_PGN_ADDRESS_COMMANDED: number | undefined = only("J1939_PGN_ADDRESS_COMMANDED");
/** J1939: the largest PDU1-format parameter group number (Linux only). */
export const J1939_PGN_PDU1_MAX: number | undefined = only("J1939_PGN_PDU1_MAX");
/** J1939: the largest parameter group number (Linux only). */
export const J1939_PGN_MAX: number | undefined = only("J1939_PGN_MAX");
/** J1939: "no parameter group number" (Linux only). */
export const J1939_NO_PGN: number | undefined = only("J1939_NO_PGN");
/** J1939 option: receive filters (Linux only). */
export const SO_J1939_FILTER: number | undefined = only("SO_J1939_FILTER");
/** J1939 option: receive every packet (promiscuous mode) (Linux only). */
export const SO_J1939_PROMISC: number | undefined = only("SO_J1939_PROMISC");
/** J1939 option: priority of sent packets (Linux only). */
export const SO_J1939_SEND_PRIO: number | undefined = only("SO_J1939_SEND_PRIO");
/** J1939 option: report transfer status on the error queue (Linux only). */
export const SO_J1939_ERRQUEUE: number | undefined = only("SO_J1939_ERRQUEUE");
/** J1939 control message: destination address (Linux only). */
export const SCM_J1939_DEST_ADDR: number | undefined = only("SCM_J1939_DEST_ADDR");
/** J1939 control message: destination NAME (Linux only). */
export const SCM_J1939_DEST_NAME: number | undefined = only("SCM_J1939_DEST_NAME");
/** J1939 control message: priority (Linux only). */
export const SCM_J1939_PRIO: number | undefined = only("SCM_J1939_PRIO");
/** J1939 control message: an error queue entry (Linux only). */
export const SCM_J1939_ERRQUEUE: number | undefined = only("SCM_J1939_ERRQUEUE");
/** J1939 error queue attribute: padding (Linux only). */
export const J1939_NLA_PAD: number | undefined = only("J1939_NLA_PAD");
/** J1939 error queue attribute: bytes acknowledged (Linux only). */
export const J1939_NLA_BYTES_ACKED: number | undefined = only("J1939_NLA_BYTES_ACKED");
/** J1939 error queue information: none (Linux only). */
export const J1939_EE_INFO_NONE: number | undefined = only("J1939_EE_INFO_NONE");
/** J1939 error queue information: transmission aborted (Linux only). */
export const J1939_EE_INFO_TX_ABORT: number | undefined = only("J1939_EE_INFO_TX_ABORT");
/** J1939: the most receive filters per socket (Linux only). */
export const J1939_FILTER_MAX: number | undefined = only("J1939_FILTER_MAX");
