export { httpApi, type HttpHandler } from './stack';
export { route, type Route, type RouteContext, type RouteReply } from './router';
export { validate } from './validation';
export { unchangingAnswer } from './json-text';
