// A user's own test environment on top of the package's jsdom one.
const { DockerWrapperJsdomEnvironment } = require('@docker-wrapper/jest/environment-jsdom');

module.exports = class CustomEnvironment extends DockerWrapperJsdomEnvironment {
  async setup() {
    await super.setup();
    this.global.fromCustomEnvironment = 'jsdom';
  }
};
