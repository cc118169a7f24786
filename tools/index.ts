export { ROOT } from "./util/paths.js";
