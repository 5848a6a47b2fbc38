console.log('netintro');
