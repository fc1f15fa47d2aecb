pragma circom 2.0.0;
template T() {
  signal input a;
  signal input b;
  signal output c;
  signal u;
  signal v;
  c <== b * b;
  u <-- a;
}
component main = T();
