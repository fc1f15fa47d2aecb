pragma circom 2.0.0;
template T() {
  signal input x;
  signal input z;
  signal output y;
  signal output w;
  signal k;
  y <== x;
  k <== 5;
  w <== k * z;
}
component main = T();
