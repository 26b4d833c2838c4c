// The original health route, kept for load balancers already pointed at it: the same answer as readiness.
export { GET } from "./ready/route";
