// Setup for the `component` vitest project (jsdom): jest-dom's matchers (toBeVisible,
// toHaveTextContent…) on `expect`.
import "@testing-library/jest-dom/vitest";
