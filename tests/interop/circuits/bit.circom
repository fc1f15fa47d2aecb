// Issue 13: at --O1, out <== b*1 merges the private input b into the
// output, so the file holds 2 wires while circom's header still counts b.
pragma circom 2.0.0;
template Bit() {
    signal input b;
    signal output out;
    b * (b - 1) === 0;
    out <== b * 1;
}
component main = Bit();
