/** The demo organisation lives in shared/demo (functions seed it too, and no function imports from scripts/). */
export * from '../../shared/demo/demo-data';
