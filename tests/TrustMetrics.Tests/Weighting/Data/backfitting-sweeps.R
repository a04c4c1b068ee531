# Ten backfitting sweeps (survey:::svyrecvar) vs 1000 on the synthetic set. Rscript backfitting-sweeps.R > backfitting-sweeps.out
suppressMessages(library(survey))
d <- read.csv("synthetic-3-margins.csv")
des <- svydesign(ids=~1,data=d,weights=~rep(1,nrow(d)))
pm<-list(data.frame(region=c("north","south","east","west"),Freq=3000*c(.25,.25,.25,.25)),data.frame(age=c("18-29","30-44","45-59","60+","unknown"),Freq=3000*c(.2,.25,.25,.25,.05)),data.frame(channel=c("app","web","store"),Freq=3000*c(.4,.35,.25)))
r<-rake(des,list(~region,~age,~channel),pm,control=list(epsilon=1e-15,maxit=1000))
w <- weights(r); y <- 100*(d$nps>=9) - 100*(d$nps<=6)
m <- sum(w*y)/sum(w); x <- w*(y-m)/sum(w)
se <- function(sweeps) { z <- x/w; for (k in 1:sweeps) for (v in c("region","age","channel")) z <- z - ave(z, d[[v]]); xx <- w*z; sqrt(var(xx)*(length(xx)-1)/length(xx)*length(xx)/(length(xx)-1)*length(xx)/length(xx)) }
se2 <- function(sweeps) { z <- x/w; for (k in 1:sweeps) for (v in c("region","age","channel")) z <- z - ave(z, d[[v]]); xx <- w*z; n<-length(xx); sqrt(n/(n-1)*sum((xx-mean(xx))^2)) }
cat(sprintf("10 sweeps %.15g\n1000 sweeps %.15g\nsvymean %.15g\n", se2(10), se2(1000), SE(svymean(~I(100*(nps>=9)-100*(nps<=6)), r))))
